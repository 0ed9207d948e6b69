using System.Text;

namespace ServiceBot.Knowledge.Rendering;

/// <summary>Puts plain text into Markdown so that it reads as the same text and never becomes markup.</summary>
public static class MarkdownText
{
    // Characters that open or close Markdown, HTML or entity syntax anywhere in a line (with the extensions answers
    // use, plus braces and dollars that other clients read as attributes and math).
    private const string Significant = "\\`*_{}[]<>#+=|~^&$";

    /// <summary>Backslash-escapes <paramref name="text"/> (CommonMark lets any ASCII punctuation be escaped).</summary>
    /// <remarks>
    /// Line starts get more: '-' and the '.' or ')' after leading digits would start a list or a rule there.
    /// Line breaks are kept; callers that want one line replace them first. A bare http(s) or www. address may still
    /// become a link in readers that autolink: those targets are allowed anyway.
    /// </remarks>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        var atLineStart = true; // nothing but spaces yet on this line
        var inLeadingDigits = false; // nothing but spaces, then digits
        foreach (var c in text)
        {
            var marker = (atLineStart && c == '-') || (inLeadingDigits && c is '.' or ')');
            if (marker || Significant.Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
            inLeadingDigits = (atLineStart || inLeadingDigits) && char.IsAsciiDigit(c);
            atLineStart = c == '\n' || (atLineStart && c is ' ' or '\t');
        }

        return escaped.ToString();
    }
}
