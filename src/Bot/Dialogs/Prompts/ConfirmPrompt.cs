using ServiceBot.Bot.Turns;

namespace ServiceBot.Bot.Dialogs.Prompts;

/// <summary>Yes or no; the prompt's choices (e.g. 提交 / 修改) also count, first = yes.</summary>
public sealed class ConfirmPrompt(string id) : Prompt<bool>(id)
{
    protected override Recognized<bool> Recognize(TurnContext turn, PromptOptions options)
    {
        if (options.Choices.Count == 2 && ChoiceRecognizer.Recognize(turn.Text, options.Choices, exactOnly: true) is var index and >= 0)
        {
            return Recognized.Success<bool>(index == 0);
        }

        return ConfirmRecognizer.Recognize(turn.Text) is { } answer ? Recognized.Success<bool>(answer) : Recognized.Failure<bool>("ConfirmNotUnderstood");
    }
}
