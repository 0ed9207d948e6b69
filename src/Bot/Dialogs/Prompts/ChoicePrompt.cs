using ServiceBot.Bot.Turns;

namespace ServiceBot.Bot.Dialogs.Prompts;

/// <summary>One of the offered choices (by number, title or synonym); the result is the choice's value.</summary>
public sealed class ChoicePrompt(string id, PromptValidator<string>? validator = null) : Prompt<string>(id, validator)
{
    protected override Recognized<string> Recognize(TurnContext turn, PromptOptions options)
    {
        var index = ChoiceRecognizer.Recognize(turn.Text, options.Choices);
        return index >= 0 ? Recognized.Success<string>(options.Choices[index].Value) : Recognized.Failure<string>("ChoiceNotUnderstood");
    }
}
