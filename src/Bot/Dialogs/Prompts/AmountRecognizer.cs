using System.Globalization;
using System.Text.RegularExpressions;
using ServiceBot.Knowledge;

namespace ServiceBot.Bot.Dialogs.Prompts;

/// <summary>
/// Reads a money amount the way customers type it: "59.9", "¥59.90", "59.9元", "59块9", "59块9毛5", "五十九块九",
/// "全额" / "full". Amounts have at most two decimals (分).
/// </summary>
public static partial class AmountRecognizer
{
    private static readonly string[] FullWords = ["全额", "全部", "全款", "全退", "都退", "全额退款", "full", "all", "full amount", "everything", "the full amount", "全部金额"];

    public enum Problem
    {
        None,
        NotAnAmount,
        TooManyDecimals,
    }

    public static (decimal? Amount, Problem Problem) Recognize(string text, decimal fullAmount)
    {
        var folded = TextNormalizer.Fold(text).Replace(" ", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
        if (FullWords.Any(w => folded == w.Replace(" ", "", StringComparison.Ordinal)))
        {
            return (fullAmount, Problem.None);
        }

        folded = folded.Trim('¥', '￥', '$').Replace("rmb", "", StringComparison.Ordinal).Replace("cny", "", StringComparison.Ordinal)
            .Replace("yuan", "", StringComparison.Ordinal).Replace("人民币", "", StringComparison.Ordinal).TrimStart('¥', '￥');

        if (Decimal().Match(folded) is { Success: true } plain)
        {
            var fraction = plain.Groups[2].Value;
            if (fraction.Length > 2)
            {
                return (null, Problem.TooManyDecimals);
            }

            return (decimal.Parse(plain.Groups[1].Value + (fraction.Length > 0 ? "." + fraction : ""), CultureInfo.InvariantCulture), Problem.None);
        }

        if (YuanJiaoFen().Match(folded) is { Success: true } spoken
            && Integer(spoken.Groups[1].Value) is { } yuan)
        {
            var jiao = spoken.Groups[2].Success ? Digit(spoken.Groups[2].Value) : 0;
            var fen = spoken.Groups[3].Success ? Digit(spoken.Groups[3].Value) : 0;
            if (jiao is { } j && fen is { } f)
            {
                return (yuan + (j / 10m) + (f / 100m), Problem.None);
            }
        }

        return (null, Problem.NotAnAmount);
    }

    // 59 / 59.9 / 59.90 with an optional 元 or 块 after it.
    [GeneratedRegex(@"^(\d{1,9})(?:\.(\d+))?(?:元|块|块钱)?$")]
    private static partial Regex Decimal();

    // 59块9 / 59块9毛 / 59元9角5分 / 五十九块九 / 五十九块九毛五
    [GeneratedRegex(@"^([0-9零〇一二两三四五六七八九十百千万]{1,12})(?:块|元)(?:钱)?([0-9零〇一二两三四五六七八九])?(?:毛|角)?([0-9零〇一二两三四五六七八九])?(?:分)?$")]
    private static partial Regex YuanJiaoFen();

    private static int? Digit(string text) =>
        text.Length == 1 && char.IsAsciiDigit(text[0]) ? text[0] - '0' : Integer(text) is { } n and < 10 ? (int)n : null;

    /// <summary>An integer in digits or Chinese numerals (up to 万): 59, 五十九, 一百零五, 两千.</summary>
    internal static long? Integer(string text)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        long total = 0, section = 0, digit = -1;
        foreach (var c in text)
        {
            var d = "零〇一二三四五六七八九".IndexOf(c, StringComparison.Ordinal);
            if (c == '两')
            {
                d = 3; // index of 二 (零 and 〇 both precede it)
            }

            if (d >= 0)
            {
                digit = d <= 1 ? 0 : d - 1;
                continue;
            }

            var unit = c switch { '十' => 10, '百' => 100, '千' => 1000, '万' => 10000, _ => 0 };
            if (unit == 0)
            {
                return null;
            }

            if (unit == 10000)
            {
                total = (total + section + Math.Max(digit, 0)) * 10000;
                section = 0;
            }
            else
            {
                section += (digit < 0 ? 1 : digit) * unit;
            }

            digit = -1;
        }

        return total + section + Math.Max(digit, 0);
    }
}
