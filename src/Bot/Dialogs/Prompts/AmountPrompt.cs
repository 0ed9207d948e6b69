using ServiceBot.Bot.Turns;

namespace ServiceBot.Bot.Dialogs.Prompts;

/// <summary>A money amount greater than zero and at most <see cref="PromptOptions.Max"/>, two decimals at most.</summary>
public sealed class AmountPrompt(string id) : Prompt<decimal>(id)
{
    protected override Recognized<decimal> Recognize(TurnContext turn, PromptOptions options)
    {
        var max = options.Max ?? decimal.MaxValue;
        var (amount, problem) = AmountRecognizer.Recognize(turn.Text, max);
        return problem switch
        {
            AmountRecognizer.Problem.TooManyDecimals => Recognized.Failure<decimal>("AmountTooManyDecimals"),
            _ when amount is null => Recognized.Failure<decimal>("AmountNotUnderstood"),
            _ when amount <= 0 => Recognized.Failure<decimal>("AmountNotPositive"),
            _ when amount > max => Recognized.Failure<decimal>("AmountAbovePaid"),
            _ => Recognized.Success<decimal>(amount.Value),
        };
    }
}
