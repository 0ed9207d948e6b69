using Microsoft.AspNetCore.SignalR;
using ServiceBot.Bot.Agents.Handoff;

namespace ServiceBot.Bot.Agents;

/// <summary>Tells every console, on every instance (the SignalR Redis backplane carries it), that something changed.</summary>
public sealed class HubAgentConsoles(IHubContext<AgentHub> hub) : IAgentConsoles
{
    public Task QueueChangedAsync() => hub.Clients.All.SendAsync("queueChanged");

    public Task ConversationChangedAsync(string conversationId, string ownerKind, string? agent) =>
        hub.Clients.All.SendAsync("conversationChanged", conversationId, new { kind = ownerKind, agent });
}

/// <summary>Agents' names from configuration; a login no longer configured shows as itself.</summary>
public sealed class DirectoryAgentNames(AgentDirectory directory) : IAgentNames
{
    public string NameOf(string login) => directory.Find(login)?.Name ?? login;
}
