using System.Text.RegularExpressions;
using ServiceBot.Bot.Turns;

namespace ServiceBot.Bot.Dialogs.Prompts;

/// <summary>An order: one of the offered recent orders (by number or title), or a typed 12-digit order number.</summary>
public sealed partial class OrderPrompt(string id, PromptValidator<string> validator) : Prompt<string>(id, validator)
{
    protected override Recognized<string> Recognize(TurnContext turn, PromptOptions options)
    {
        var digits = Digits().Matches(turn.Text);
        if (digits.Count == 1 && digits[0].Value.Length == 12)
        {
            return Recognized.Success<string>(digits[0].Value);
        }

        var index = ChoiceRecognizer.Recognize(turn.Text, options.Choices);
        if (index >= 0)
        {
            return Recognized.Success<string>(options.Choices[index].Value);
        }

        return Recognized.Failure<string>(digits.Count > 0 ? "OrderNumberFormat" : "OrderNotUnderstood");
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
