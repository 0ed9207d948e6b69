using System.Text.RegularExpressions;
using ServiceBot.Knowledge.Model;

namespace ServiceBot.Knowledge.Search;

/// <summary>
/// What a customer says they do NOT mean ("找平台客服，不是商家", "platform support, not the shop") is no evidence
/// for it: the mention is taken out of the question before its terms are weighed. "是不是" and "不是吗" ask; they stay.
/// </summary>
internal static partial class NegatedMentions
{
    public static string Remove(string normalized, string locale) =>
        locale == Locales.Chinese ? Chinese().Replace(normalized, " ") : English().Replace(normalized, " ");

    [GeneratedRegex(@"(?<!是)(而不是|不是|不找)(?!吗)[^,，。!！?？;；\s]{1,6}?(?=[,，。!！?？;；\s]|$)")]
    private static partial Regex Chinese();

    [GeneratedRegex(@"\b(not|instead of|rather than) (the|a|an|my|from the) \w+")]
    private static partial Regex English();
}
