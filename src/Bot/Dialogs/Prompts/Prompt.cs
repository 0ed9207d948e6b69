using ServiceBot.Handoff.Activities;
using ServiceBot.Bot.Conversations;
using ServiceBot.Bot.Turns;

namespace ServiceBot.Bot.Dialogs.Prompts;

/// <summary>The outcome of recognizing a message: a value, or the name of the text that explains why not.</summary>
public readonly record struct Recognized<T>(bool Succeeded, T Value, string? Error);

public static class Recognized
{
    public static Recognized<T> Success<T>(T value) => new(true, value, null);

    public static Recognized<T> Failure<T>(string? error = null) => new(false, default!, error);
}

/// <summary>Checks a recognized value against the situation; returns the (localized) reason it is refused, or null.</summary>
public delegate Task<string?> PromptValidator<T>(TurnContext turn, T value, PromptOptions options);

/// <summary>
/// Asks one question and waits until it is answered (Bot Builder's Prompt&lt;T&gt;): recognize, then validate.
/// A message it does not understand that the host's digression recognizer answers (the knowledge base, in this
/// bot) is a digression: answered, then the question is asked again without counting an attempt. After <see cref="PromptOptions.MaxAttempts"/> failed
/// answers the customer is offered a human or a fresh start instead of being asked a fourth time.
/// </summary>
public abstract class Prompt<T>(string id, PromptValidator<T>? validator = null) : Dialog(id)
{
    public override Task<DialogTurnResult> BeginAsync(DialogContext dc, object? options)
    {
        var state = new PromptState { Options = options as PromptOptions ?? throw new ArgumentException("prompt options required", nameof(options)) };
        DialogContext.WriteState(dc.Active!, state);
        Ask(dc.Turn, state.Options, state.Options.Prompt);
        return Task.FromResult(DialogTurnResult.Waiting);
    }

    public override async Task<DialogTurnResult> ContinueAsync(DialogContext dc)
    {
        var instance = dc.Active!;
        var state = DialogContext.ReadState<PromptState>(instance);
        var recognized = Recognize(dc.Turn, state.Options);
        var error = recognized.Succeeded
            ? validator is null ? null : await validator(dc.Turn, recognized.Value, state.Options)
            : recognized.Error is { } name ? dc.Turn.T(name) : null;
        if (recognized.Succeeded && error is null)
        {
            return await dc.EndDialogAsync(recognized.Value);
        }

        if (dc.Digressions?.TryAnswer(dc.Turn) == true)
        {
            Ask(dc.Turn, state.Options, state.Options.Prompt);
            return DialogTurnResult.Waiting;
        }

        state.Attempts++;
        DialogContext.WriteState(instance, state);
        if (state.Attempts >= state.Options.MaxAttempts)
        {
            // A person takes over with what was collected so far, rather than a fourth time asking.
            dc.Turn.Send(dc.Turn.T("TooManyAttempts"));
            dc.Turn.RequestHandoff(Agents.Handoff.Escalation.FailedInputs, dc.Turn.Text);
            return dc.CancelAll();
        }

        var retry = error is null ? state.Options.Retry ?? state.Options.Prompt : error + "\n\n" + (state.Options.Retry ?? state.Options.Prompt);
        Ask(dc.Turn, state.Options, retry);
        return DialogTurnResult.Waiting;
    }

    public override Task RepromptAsync(DialogContext dc, DialogInstance instance)
    {
        var state = DialogContext.ReadState<PromptState>(instance);
        Ask(dc.Turn, state.Options, state.Options.Prompt);
        return Task.CompletedTask;
    }

    protected abstract Recognized<T> Recognize(TurnContext turn, PromptOptions options);

    private static void Ask(TurnContext turn, PromptOptions options, string text) =>
        turn.Send(text, options.Choices.Select(c => new CardAction(c.Title, c.Title)).ToList(), InputHints.ExpectingInput);
}
