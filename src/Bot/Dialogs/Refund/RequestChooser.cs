using ServiceBot.Bot.Dialogs.Prompts;
using ServiceBot.Bot.Refunds;

namespace ServiceBot.Bot.Dialogs.Refund;

/// <summary>First step of dialogs that act on a request: pick the customer's request in the right state.</summary>
internal static class RequestChooser
{
    public static async Task<DialogTurnResult> ChooseAsync(WaterfallStepContext<RequestActionValues> step, IReadOnlyCollection<RefundState> states, string noneText)
    {
        var turn = step.Turn;
        var requests = (await turn.Services.Refunds.ListForCustomerAsync(turn.CustomerId, turn.Cancellation))
            .Where(r => states.Contains(r.State))
            .OrderByDescending(r => r.UpdatedAt)
            .ToList();
        if (requests.Count == 0)
        {
            turn.Send(turn.T(noneText));
            return await step.EndAsync();
        }

        if (requests.Count == 1)
        {
            return await step.NextAsync(requests[0].Id);
        }

        return await step.PromptAsync("choice", new PromptOptions
        {
            Prompt = turn.T("RefundChooseRequest"),
            Choices = requests.Select(r => new Choice
            {
                Value = r.Id,
                Title = $"{r.Id} · {r.OrderId} · {RefundText.State(turn, r.State)}",
            }).ToList(),
        });
    }
}
