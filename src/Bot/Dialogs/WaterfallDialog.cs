using ServiceBot.Bot.Conversations;
using ServiceBot.Bot.Turns;

namespace ServiceBot.Bot.Dialogs;

/// <summary>A waterfall's own state: the step it is at and the values collected so far (typed).</summary>
public sealed class WaterfallState<T> : DialogState
    where T : new()
{
    public int Step { get; set; }

    public T Values { get; set; } = new();
}

public delegate Task<DialogTurnResult> WaterfallStep<T>(WaterfallStepContext<T> step)
    where T : new();

/// <summary>What a waterfall step sees: the values so far, the previous step's result, and how to move on.</summary>
public sealed class WaterfallStepContext<T>
    where T : new()
{
    private readonly WaterfallDialog<T> _dialog;
    private readonly DialogInstance _instance;
    private readonly WaterfallState<T> _state;

    internal WaterfallStepContext(WaterfallDialog<T> dialog, DialogContext dc, DialogInstance instance, WaterfallState<T> state, object? result)
    {
        _dialog = dialog;
        Dc = dc;
        _instance = instance;
        _state = state;
        Result = result;
    }

    public DialogContext Dc { get; }

    public TurnContext Turn => Dc.Turn;

    public T Values => _state.Values;

    public int Index => _state.Step;

    /// <summary>The result of the previous step's prompt (null for the first step).</summary>
    public object? Result { get; }

    public Task<DialogTurnResult> PromptAsync(string promptId, Prompts.PromptOptions options) => Dc.BeginDialogAsync(promptId, options);

    public Task<DialogTurnResult> NextAsync(object? result = null) => _dialog.RunStepAsync(Dc, _instance, _state, _state.Step + 1, result);

    public Task<DialogTurnResult> GoToAsync(int step, object? result = null) => _dialog.RunStepAsync(Dc, _instance, _state, step, result);

    public Task<DialogTurnResult> EndAsync(object? result = null) => Dc.EndDialogAsync(result);
}

/// <summary>A fixed sequence of steps; each usually asks one question and the next receives the answer.</summary>
public sealed class WaterfallDialog<T>(string id, IReadOnlyList<WaterfallStep<T>> steps) : Dialog(id)
    where T : new()
{
    public override Task<DialogTurnResult> BeginAsync(DialogContext dc, object? options)
    {
        var state = new WaterfallState<T> { Values = options is T values ? values : new T() };
        return RunStepAsync(dc, dc.Active!, state, 0, null);
    }

    public override Task<DialogTurnResult> ContinueAsync(DialogContext dc)
    {
        var instance = dc.Active!;
        var state = DialogContext.ReadState<WaterfallState<T>>(instance);
        return RunStepAsync(dc, instance, state, state.Step + 1, dc.Turn.Text);
    }

    public override Task<DialogTurnResult> ResumeAsync(DialogContext dc, object? result)
    {
        var instance = dc.Active!;
        var state = DialogContext.ReadState<WaterfallState<T>>(instance);
        return RunStepAsync(dc, instance, state, state.Step + 1, result);
    }

    internal async Task<DialogTurnResult> RunStepAsync(DialogContext dc, DialogInstance instance, WaterfallState<T> state, int step, object? result)
    {
        if (step >= steps.Count)
        {
            return await dc.EndDialogAsync(state.Values);
        }

        state.Step = step;
        DialogContext.WriteState(instance, state);
        return await steps[step](new WaterfallStepContext<T>(this, dc, instance, state, result));
    }
}
