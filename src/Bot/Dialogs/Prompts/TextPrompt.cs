using ServiceBot.Bot.Turns;

namespace ServiceBot.Bot.Dialogs.Prompts;

/// <summary>Any non-empty text; what it must look like is up to the validator.</summary>
public sealed class TextPrompt(string id, PromptValidator<string>? validator = null) : Prompt<string>(id, validator)
{
    protected override Recognized<string> Recognize(TurnContext turn, PromptOptions options) =>
        turn.Text.Length > 0 ? Recognized.Success<string>(turn.Text) : Recognized.Failure<string>();
}
