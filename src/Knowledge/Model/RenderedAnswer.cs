namespace ServiceBot.Knowledge.Model;

/// <summary>An entry's answer with policy values filled in, in the three forms channels need.</summary>
public sealed record RenderedAnswer(string Markdown, string Html, string Text);
