using Microsoft.Extensions.Logging.Abstractions;
using ServiceBot.Bot.Conversations;
using ServiceBot.Handoff.Redis;

// hold-turns REDIS PREFIX CONVERSATION CUSTOMER QUEUED LEASE_MS: takes the conversation's turn and keeps it, queues
// QUEUED more messages behind it, prints "ready" once Redis holds all their tickets, then waits to be killed.
if (args is not ["hold-turns", var redisAddress, var prefix, var conversationId, var customerId, var queuedText, var leaseText])
{
    await Console.Error.WriteLineAsync("usage: hold-turns REDIS PREFIX CONVERSATION CUSTOMER QUEUED LEASE_MS");
    return 2;
}

var queued = int.Parse(queuedText, System.Globalization.CultureInfo.InvariantCulture);
var lease = TimeSpan.FromMilliseconds(int.Parse(leaseText, System.Globalization.CultureInfo.InvariantCulture));
var redis = new RedisConnection(new RedisOptions { ConnectionString = redisAddress, KeyPrefix = prefix }, NullLogger<RedisConnection>.Instance);
var store = new RedisConversationStore(redis, new ConversationOptions { Lease = lease });
var held = await store.EnterAsync(conversationId, customerId);
var waiting = Enumerable.Range(0, queued).Select(_ => Task.Run(() => store.EnterAsync(conversationId, customerId))).ToList();

var database = await redis.DatabaseAsync();
var waiters = redis.Keys.Conversation(conversationId).Waiters;
while (await database.SortedSetLengthAsync(waiters) < queued)
{
    await Task.Delay(20);
}

Console.WriteLine("ready");
await Task.Delay(Timeout.Infinite);
GC.KeepAlive(held);
GC.KeepAlive(waiting);
return 0;
