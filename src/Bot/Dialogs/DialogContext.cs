using ServiceBot.Bot.Conversations;
using ServiceBot.Bot.Turns;

namespace ServiceBot.Bot.Dialogs;

/// <summary>
/// Owns one dialog stack for one turn: begins, continues, ends and cancels dialogs on it. The host's digression
/// recognizer (none by default) reaches every prompt on the stack, inner dialogs' included.
/// </summary>
public sealed class DialogContext(DialogSet dialogs, List<DialogInstance> stack, TurnContext turn, IDigressionRecognizer? digressions = null)
{
    public TurnContext Turn { get; } = turn;

    public IDigressionRecognizer? Digressions { get; } = digressions;

    public DialogSet Dialogs { get; } = dialogs;

    public IReadOnlyList<DialogInstance> Stack => stack;

    public DialogInstance? Active => stack.Count > 0 ? stack[^1] : null;

    public async Task<DialogTurnResult> BeginDialogAsync(string dialogId, object? options = null)
    {
        var dialog = Dialogs.Get(dialogId);
        stack.Add(new DialogInstance { Id = dialogId });
        return await dialog.BeginAsync(this, options);
    }

    /// <summary>Hands the customer's message to the dialog on top, if any.</summary>
    public async Task<DialogTurnResult> ContinueDialogAsync()
    {
        if (Active is not { } active)
        {
            return DialogTurnResult.Empty;
        }

        if (Dialogs.Find(active.Id) is not { } dialog)
        {
            // State from a version that had this dialog: drop it rather than fail every turn.
            stack.Clear();
            return DialogTurnResult.Empty;
        }

        return await dialog.ContinueAsync(this);
    }

    /// <summary>Ends the dialog on top and resumes its parent with <paramref name="result"/>.</summary>
    public async Task<DialogTurnResult> EndDialogAsync(object? result = null)
    {
        if (stack.Count > 0)
        {
            stack.RemoveAt(stack.Count - 1);
        }

        if (Active is { } parent && Dialogs.Find(parent.Id) is { } dialog)
        {
            return await dialog.ResumeAsync(this, result);
        }

        return new DialogTurnResult(DialogTurnStatus.Complete, result);
    }

    /// <summary>Replaces the dialog on top with another (e.g. start over).</summary>
    public async Task<DialogTurnResult> ReplaceDialogAsync(string dialogId, object? options = null)
    {
        if (stack.Count > 0)
        {
            stack.RemoveAt(stack.Count - 1);
        }

        return await BeginDialogAsync(dialogId, options);
    }

    public DialogTurnResult CancelAll()
    {
        stack.Clear();
        return new DialogTurnResult(DialogTurnStatus.Cancelled);
    }

    /// <summary>Asks the dialog on top to repeat its question.</summary>
    public async Task RepromptAsync()
    {
        if (Active is { } active && Dialogs.Find(active.Id) is { } dialog)
        {
            await dialog.RepromptAsync(this, active);
        }
    }

    /// <summary>The dialog's typed state (new when it has none yet, or state of another shape from an old version).</summary>
    public static T ReadState<T>(DialogInstance instance)
        where T : DialogState, new() =>
        instance.State as T ?? new T();

    public static void WriteState(DialogInstance instance, DialogState state) => instance.State = state;
}
