namespace ServiceBot.Knowledge.Model;

/// <summary>
/// An entry's answer with policy values filled in, in the three forms channels need. None carries raw HTML or a
/// link with a scheme other than http(s), mailto or tel: those are taken out of the Markdown every form comes from.
/// </summary>
/// <param name="Markdown">Safe Markdown, for clients that render Markdown (even ones that let raw HTML through).</param>
/// <param name="Html">Sanitized HTML, ready to insert into a page.</param>
/// <param name="Text">
/// Plain text, to be shown as text and never parsed as HTML: what the editor wrote as text appears literally, so code
/// (<c>`&lt;b&gt;`</c>), entities (<c>&amp;lt;</c>) and a '&lt;' that Markdown does not read as a tag keep their '&lt;'.
/// </param>
public sealed record RenderedAnswer(string Markdown, string Html, string Text);
