using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ServiceBot.Handoff.Queue;
using ServiceBot.Handoff.Redis;
using ServiceBot.Tests.Support;

namespace ServiceBot.Handoff.Tests.Queue;

/// <summary>A Redis of the test's own (AOF, fsync always) killed -9 and restarted: the queue and the assignments are as they were.</summary>
[Collection(QueueLoadSuite.Name)]
public sealed class QueueRestartTests
{
    [Fact]
    public async Task Waiting_conversations_and_assignments_survive_a_kill_and_an_AOF_restart()
    {
        await using var server = await RedisServerProcess.StartAsync();
        var options = new HandoffOptions();
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var prefix = TestRedis.UniquePrefix();
        await using (var redis = Connect(server, prefix))
        {
            var line = new WaitingLine(redis, options, clock);
            await new AgentRoster(redis, options, clock).DeclareAsync(new AgentProfile("alice", [Skill.Refund], 2));
            for (var i = 0; i < 5; i++)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                await line.EnqueueAsync($"conv-{i}", new HandoffRequest("asked", "", Skill.Refund, i == 3 ? Priority.Complaint : Priority.Other, "zh-CN", $"c-{i}"));
            }

            var claimed = await new Assignments(redis, options, clock).ClaimNextAsync("alice");
            Assert.Equal("conv-3", claimed.ConversationId); // the complaint first
        }

        await server.KillAsync();
        await server.RestartAsync();

        await using var restarted = Connect(server, prefix);
        var owners = new ConversationOwners(restarted);
        var owner = await owners.ReadAsync("conv-3");
        Assert.Equal((OwnerKind.Agent, "alice"), (owner.Kind, owner.Agent));
        var waiting = await new WaitingLine(restarted, options, clock).ListAsync();
        Assert.Equal(["conv-0", "conv-1", "conv-2", "conv-4"], waiting.Select(w => w.ConversationId));
        Assert.Equal(["conv-3"], await new AgentRoster(restarted, options, clock).ChatsAsync("alice"));
        Assert.Equal("conv-0", (await new Assignments(restarted, options, clock).ClaimNextAsync("alice")).ConversationId);
    }

    private static RedisConnection Connect(RedisServerProcess server, string prefix) =>
        new(new RedisOptions { ConnectionString = server.ConnectionString, KeyPrefix = prefix }, NullLogger<RedisConnection>.Instance);
}
