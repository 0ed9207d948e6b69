using Microsoft.AspNetCore.SignalR;
using ServiceBot.Bot.Agents.Handoff;
using ServiceBot.Handoff.Activities;
using ServiceBot.Handoff.Queue;
using ServiceBot.Handoff.Redis;
using ServiceBot.Handoff.Transcripts;

namespace ServiceBot.Bot.Agents;

/// <summary>
/// The console's real-time channel (/api/agent/hub, agent token as access_token): queue and ownership changes for
/// every agent (through the Redis backplane, from any instance), and the live activities of the conversations an
/// agent watches (read from the transcript on the instance holding the connection). Watching is allowed for the
/// owner, a supervisor, or while the conversation waits (to decide whether to take it).
/// </summary>
public sealed class AgentHub(AgentAuthenticator authenticator, ConversationOwners owners, AgentHubFeeds feeds, ITranscript transcript, TimeProvider time) : Hub
{
    private const string AgentKey = "agent";

    public override async Task OnConnectedAsync()
    {
        if (Context.GetHttpContext() is not { } http || await authenticator.AuthenticateAsync(http) is not { } agent)
        {
            Context.Abort();
            return;
        }

        Context.Items[AgentKey] = agent;
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        feeds.StopAll(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>Starts sending the conversation's activities after <paramref name="watermark"/>; false when the agent may not watch it.</summary>
    public async Task<bool> Watch(string conversationId, long watermark = 0)
    {
        if (!await MayWatchAsync(conversationId))
        {
            return false;
        }

        await feeds.StartAsync(Context.ConnectionId, conversationId, Math.Max(0, watermark), Context.ConnectionAborted);
        return true;
    }

    public void Unwatch(string conversationId) => feeds.Stop(Context.ConnectionId, conversationId);

    /// <summary>The agent is typing: the customer's Web Chat shows it (only the owner's typing reaches the customer).</summary>
    public async Task Typing(string conversationId)
    {
        if (Me is not { } me || !RedisKeys.IsSafeId(conversationId))
        {
            return;
        }

        var typing = new Activity
        {
            Type = ActivityTypes.Typing,
            Conversation = new ConversationAccount(conversationId),
            From = Turns.TurnContext.Bot with { Name = me.Name },
            Timestamp = time.GetUtcNow(),
        };
        await transcript.TryAppendAsync(conversationId, [typing], AppendRule.As(Floor.Agent(me.Login)), Context.ConnectionAborted);
    }

    private AgentIdentity? Me => Context.Items.TryGetValue(AgentKey, out var agent) ? agent as AgentIdentity : null;

    private async Task<bool> MayWatchAsync(string conversationId)
    {
        if (Me is not { } me || !RedisKeys.IsSafeId(conversationId))
        {
            return false;
        }

        var owner = await owners.ReadAsync(conversationId, Context.ConnectionAborted);
        return me.IsSupervisor ? !owner.IsBot : owner.Kind == OwnerKind.Agent ? owner.Agent == me.Login : !owner.IsBot;
    }
}
