namespace ServiceBot.Bot.Agents.Handoff;

/// <summary>Tells the open agent consoles (on every instance) that the queue or a conversation's owner changed.</summary>
public interface IAgentConsoles
{
    Task QueueChangedAsync();

    Task ConversationChangedAsync(string conversationId, string ownerKind, string? agent);
}

/// <summary>No consoles (the terminal chat): nobody to tell.</summary>
public sealed class NoAgentConsoles : IAgentConsoles
{
    public Task QueueChangedAsync() => Task.CompletedTask;

    public Task ConversationChangedAsync(string conversationId, string ownerKind, string? agent) => Task.CompletedTask;
}

/// <summary>An agent's display name, as customers see it ("Agent Alice joined").</summary>
public interface IAgentNames
{
    string NameOf(string login);
}
