using ServiceBot.Bot.Conversations;

namespace ServiceBot.Bot.Dialogs;

/// <summary>
/// A dialog made of dialogs: its own set and its own inner stack (kept in its state), so a refund flow's prompts
/// and waterfall are one unit on the conversation's stack, started, reprompted and cancelled as a whole.
/// </summary>
public abstract class ComponentDialog(string id, string initialDialogId) : Dialog(id)
{
    protected DialogSet Inner { get; } = new();

    public override async Task<DialogTurnResult> BeginAsync(DialogContext dc, object? options)
    {
        var instance = dc.Active!;
        var (inner, stack) = InnerContext(dc, instance);
        var result = await inner.BeginDialogAsync(initialDialogId, options);
        return await AfterInnerTurnAsync(dc, instance, stack, result);
    }

    public override async Task<DialogTurnResult> ContinueAsync(DialogContext dc)
    {
        var instance = dc.Active!;
        var (inner, stack) = InnerContext(dc, instance);
        var result = await inner.ContinueDialogAsync();
        return await AfterInnerTurnAsync(dc, instance, stack, result);
    }

    public override async Task RepromptAsync(DialogContext dc, DialogInstance instance)
    {
        var (inner, stack) = InnerContext(dc, instance);
        await inner.RepromptAsync();
        Save(instance, stack);
    }

    private (DialogContext Inner, List<DialogInstance> Stack) InnerContext(DialogContext dc, DialogInstance instance)
    {
        var stack = DialogContext.ReadState<ComponentState>(instance).Stack;
        return (new DialogContext(Inner, stack, dc.Turn, dc.Digressions), stack);
    }

    private static async Task<DialogTurnResult> AfterInnerTurnAsync(DialogContext dc, DialogInstance instance, List<DialogInstance> stack, DialogTurnResult result)
    {
        Save(instance, stack);
        return result.Status switch
        {
            DialogTurnStatus.Complete or DialogTurnStatus.Empty => await dc.EndDialogAsync(result.Result),
            DialogTurnStatus.Cancelled => dc.CancelAll(),
            _ => result,
        };
    }

    private static void Save(DialogInstance instance, List<DialogInstance> stack) =>
        DialogContext.WriteState(instance, new ComponentState { Stack = stack });
}

public sealed class ComponentState : DialogState
{
    public List<DialogInstance> Stack { get; set; } = [];
}
