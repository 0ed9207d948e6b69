using ServiceBot.Bot.Refunds;

namespace ServiceBot.Bot.Turns;

/// <summary>What dialogs may use during a turn: knowledge answers, orders, refunds, policy and the clock.</summary>
public sealed record TurnServices(
    KnowledgeResponder Knowledge,
    IOrderService Orders,
    IRefundService Refunds,
    TimeProvider Time);
