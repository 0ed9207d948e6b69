using System.Collections.Concurrent;
using ServiceBot.Handoff.Activities;

namespace ServiceBot.Bot.Conversations;

public sealed class InMemoryConversationOutbox : IConversationOutbox
{
    private const int Capacity = 100;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Activity>> _queues = new(StringComparer.Ordinal);

    public Task AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken = default)
    {
        var queue = _queues.GetOrAdd(conversationId, _ => new ConcurrentQueue<Activity>());
        queue.Enqueue(activity);
        while (queue.Count > Capacity && queue.TryDequeue(out _))
        {
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Activity>> DrainAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var drained = new List<Activity>();
        if (_queues.TryGetValue(conversationId, out var queue))
        {
            while (queue.TryDequeue(out var activity))
            {
                drained.Add(activity);
            }
        }

        return Task.FromResult<IReadOnlyList<Activity>>(drained);
    }
}
