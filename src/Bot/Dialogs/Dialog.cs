namespace ServiceBot.Bot.Dialogs;

/// <summary>
/// A unit of conversation with its own state on the dialog stack (Bot Builder's concept): it begins, continues
/// with each customer message while it is on top, and resumes when a dialog it started ends with a result.
/// </summary>
public abstract class Dialog(string id)
{
    public string Id { get; } = id;

    public abstract Task<DialogTurnResult> BeginAsync(DialogContext dc, object? options);

    /// <summary>The customer sent a message while this dialog was on top. By default, it ends.</summary>
    public virtual Task<DialogTurnResult> ContinueAsync(DialogContext dc) => dc.EndDialogAsync();

    /// <summary>A child dialog ended with <paramref name="result"/>. By default this dialog ends with it.</summary>
    public virtual Task<DialogTurnResult> ResumeAsync(DialogContext dc, object? result) => dc.EndDialogAsync(result);

    /// <summary>Ask again for what this dialog is waiting for (after a digression or an interruption).</summary>
    public virtual Task RepromptAsync(DialogContext dc, Conversations.DialogInstance instance) => Task.CompletedTask;
}
