using ServiceBot.Handoff.Activities;

namespace ServiceBot.Bot.Tests.Conversations;

/// <summary>
/// Scripted transcripts in the manner of Bot Builder's TestFlow: Send(...) runs a turn through the real pipeline,
/// AssertReply(...) checks the next reply in order; every reply must be asserted before the next Send. Replies are
/// what the customer reads: event activities (handoff.status…) are not among them; <see cref="AssertEvent"/> checks those.
/// </summary>
public sealed class TestFlow(TestBot bot)
{
    private readonly List<Func<Queue<Activity>, Task>> _steps = [];
    private readonly List<Activity> _events = [];

    public TestFlow Send(string text, IReadOnlyList<Attachment>? attachments = null)
    {
        _steps.Add(async replies =>
        {
            Assert.True(replies.Count == 0, $"before sending '{text}', unasserted replies: {string.Join(" | ", replies.Select(r => r.Text))}");
            _events.Clear();
            foreach (var reply in await bot.SendAsync(text, attachments))
            {
                if (reply.Type == ActivityTypes.Event)
                {
                    _events.Add(reply);
                }
                else
                {
                    replies.Enqueue(reply);
                }
            }
        });
        return this;
    }

    /// <summary>The next reply contains every one of <paramref name="fragments"/>.</summary>
    public TestFlow AssertReply(params string[] fragments) => AssertReply(reply =>
    {
        foreach (var fragment in fragments)
        {
            Assert.True(reply.Text?.Contains(fragment, StringComparison.Ordinal) == true, $"expected a reply containing '{fragment}', got: {reply.Text}");
        }
    });

    public TestFlow AssertReply(Action<Activity> check)
    {
        _steps.Add(replies =>
        {
            Assert.True(replies.Count > 0, "expected another reply, there was none");
            check(replies.Dequeue());
            return Task.CompletedTask;
        });
        return this;
    }

    /// <summary>The next reply offers exactly these buttons, in order.</summary>
    public TestFlow AssertActions(params string[] titles) => AssertReply(reply =>
        Assert.Equal(titles, reply.SuggestedActions?.Actions.Select(a => a.Title) ?? []));

    /// <summary>Skips replies up to and including the first containing <paramref name="fragment"/>.</summary>
    public TestFlow AssertSomeReply(string fragment)
    {
        _steps.Add(replies =>
        {
            while (replies.Count > 0)
            {
                if (replies.Dequeue().Text?.Contains(fragment, StringComparison.Ordinal) == true)
                {
                    return Task.CompletedTask;
                }
            }

            Assert.Fail($"no reply contained '{fragment}'");
            return Task.CompletedTask;
        });
        return this;
    }

    public TestFlow AssertNoMoreReplies()
    {
        _steps.Add(replies =>
        {
            Assert.True(replies.Count == 0, $"unexpected replies: {string.Join(" | ", replies.Select(r => r.Text))}");
            return Task.CompletedTask;
        });
        return this;
    }

    /// <summary>The last Send's replies held an event named <paramref name="name"/> that passes <paramref name="check"/>.</summary>
    public TestFlow AssertEvent(string name, Action<Activity>? check = null)
    {
        _steps.Add(_ =>
        {
            var found = _events.FirstOrDefault(e => e.Name == name);
            Assert.True(found is not null, $"no '{name}' event; events: {string.Join(", ", _events.Select(e => e.Name))}");
            check?.Invoke(found);
            return Task.CompletedTask;
        });
        return this;
    }

    /// <summary>Runs an arbitrary step (e.g. a merchant acting through the refund service) in sequence.</summary>
    public TestFlow Do(Func<Task> action)
    {
        _steps.Add(_ => action());
        return this;
    }

    /// <summary>The proactive messages the transcript gained since the last look contain these, in order.</summary>
    public TestFlow AssertProactive(params string[] fragments)
    {
        _steps.Add(async _ =>
        {
            var notices = await bot.ReadNewAsync();
            Assert.True(notices.Count == fragments.Length, $"expected {fragments.Length} proactive message(s), got: {string.Join(" | ", notices.Select(n => n.Text))}");
            for (var i = 0; i < fragments.Length; i++)
            {
                Assert.Contains(fragments[i], notices[i].Text, StringComparison.Ordinal);
            }
        });
        return this;
    }

    public async Task RunAsync()
    {
        var replies = new Queue<Activity>();
        foreach (var step in _steps)
        {
            await step(replies);
        }

        Assert.True(replies.Count == 0, $"unasserted replies at the end: {string.Join(" | ", replies.Select(r => r.Text))}");
    }
}
