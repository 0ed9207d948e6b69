namespace ServiceBot.Bot.Channels.HelpCenter;

/// <summary>
/// The Content-Security-Policy of the help-center page. What each source is for (tests/Browser.Tests checks that Web
/// Chat renders under it with no violation, and that it is enforced):
/// <list type="bullet">
/// <item>scripts only from this origin: no inline script, no eval (Web Chat 4.18's bundle needs neither);</item>
/// <item>styles from this origin, and &lt;style&gt; elements only while they are empty: Web Chat's run-time styles
/// (emotion, in its production "speedy" mode) are empty &lt;style&gt; elements filled through CSSOM insertRule, which
/// CSP does not govern. The hash of the empty text admits exactly those, so no 'unsafe-inline' is needed: injected
/// markup can add a style element, but not one with anything in it. (A nonce passed to Web Chat would not do: Web Chat
/// 4.18.1 does not hand it to react-scroll-to-bottom, whose styles make the transcript scroll.)</item>
/// <item>connections to this origin (Direct Line REST and its WebSocket stream, which 'self' covers) and to blob: URLs
/// (botframework-directlinejs reads a picked upload back from its blob: URL before posting it);</item>
/// <item>images from this origin, data: and blob: (thumbnails of picked images, images in answers);</item>
/// <item>workers from blob: URLs: Web Chat makes the thumbnail of a picked image in a worker it creates from a blob:
/// URL, and without it the upload is never sent. Only script already running here can make such a URL.</item>
/// </list>
/// </summary>
public static class ContentSecurityPolicy
{
    public const string HeaderName = "Content-Security-Policy";

    /// <summary>'sha256-…' of the empty string: the only inline style element content allowed.</summary>
    public const string EmptyStyleHash = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

    public static string Value { get; } = string.Join("; ",
        "default-src 'none'",
        "script-src 'self'",
        "worker-src blob:",
        $"style-src 'self' {EmptyStyleHash}",
        "img-src 'self' data: blob:",
        "media-src 'self' blob:",
        "font-src 'self' data:",
        "connect-src 'self' blob:",
        "manifest-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'");
}
