using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ServiceBot.Handoff.Redis;

/// <summary>
/// One Redis channel whose messages are "number route", optionally followed by a newline and a payload (a ticket or a
/// sequence number, a conversation id, what was appended), subscribed once per instance, on the first listener, and
/// handed to this process's listeners of that route.
/// Pub/sub keeps nothing: a message sent while an instance is reconnecting is lost, so listeners treat a message as
/// a hint to look, never as the only way to learn something.
/// </summary>
public sealed partial class RoutedChannel
{
    private readonly RedisConnection _redis;
    private readonly RedisChannel _channel;
    private readonly ILogger _logger;
    private readonly Action<RedisChannel, RedisValue> _handler;
    private readonly ConcurrentDictionary<string, Action<long, string?>[]> _routes = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private Task? _subscription;

    public RoutedChannel(RedisConnection redis, RedisChannel channel, ILogger logger)
    {
        (_redis, _channel, _logger) = (redis, channel, logger);
        // One delegate instance, so a failed subscribe can remove exactly the handler it added.
        _handler = OnMessage;
    }

    /// <summary>The message a Lua script publishes as <c>number .. ' ' .. route</c>.</summary>
    public static string Message(long number, string route) => string.Create(CultureInfo.InvariantCulture, $"{number} {route}");

    /// <summary>
    /// Adds a listener of <paramref name="route"/>, subscribed when this returns; dispose the result to remove it.
    /// Listeners run on the multiplexer's thread, possibly several at once: they must return at once.
    /// </summary>
    public Task<IDisposable> ListenAsync(string route, Action<long> listener, CancellationToken cancellationToken = default) =>
        ListenAsync(route, (number, _) => listener(number), cancellationToken);

    /// <summary>As <see cref="ListenAsync(string, Action{long}, CancellationToken)"/>, with the payload after the newline (null without one).</summary>
    public async Task<IDisposable> ListenAsync(string route, Action<long, string?> listener, CancellationToken cancellationToken = default)
    {
        await SubscribeOnceAsync().WaitAsync(cancellationToken);
        lock (_gate)
        {
            _routes[route] = _routes.TryGetValue(route, out var listeners) ? [.. listeners, listener] : [listener];
        }

        return new OnDispose(() => Remove(route, listener));
    }

    private void Remove(string route, Action<long, string?> listener)
    {
        lock (_gate)
        {
            if (!_routes.TryGetValue(route, out var listeners))
            {
                return;
            }

            var rest = listeners.Where(l => !ReferenceEquals(l, listener)).ToArray();
            if (rest.Length == 0)
            {
                _routes.TryRemove(route, out _);
            }
            else
            {
                _routes[route] = rest;
            }
        }
    }

    /// <summary>Subscribes on the first call; a failed subscription (Redis down) is tried again by the next listener.</summary>
    private Task SubscribeOnceAsync()
    {
        lock (_gate)
        {
            if (_subscription is null || _subscription.IsFaulted || _subscription.IsCanceled)
            {
                _subscription = SubscribeAsync();
            }

            return _subscription;
        }
    }

    private async Task SubscribeAsync()
    {
        var subscriber = await _redis.SubscriberAsync();
        try
        {
            await subscriber.SubscribeAsync(_channel, _handler);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // The client keeps the handler even when SUBSCRIBE failed; the next attempt would add a second one.
            subscriber.Unsubscribe(_channel, _handler, CommandFlags.FireAndForget);
            throw;
        }
    }

    private void OnMessage(RedisChannel channel, RedisValue message)
    {
        var text = (string?)message;
        var space = text?.IndexOf(' ', StringComparison.Ordinal) ?? -1;
        var newline = space > 0 ? text!.IndexOf('\n', space) : -1;
        var routeEnd = newline < 0 ? text?.Length ?? 0 : newline;
        // Anything else was not published by our scripts: nobody listens for it.
        if (space <= 0 || !long.TryParse(text.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || !_routes.TryGetValue(text![(space + 1)..routeEnd], out var listeners))
        {
            return;
        }

        var payload = newline < 0 ? null : text[(newline + 1)..];
        foreach (var listener in listeners)
        {
            try
            {
                listener(number, payload);
            }
#pragma warning disable CA1031 // A listener's bug must neither reach the multiplexer nor starve the other listeners.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogListenerFailed(_logger, e, _channel.ToString(), text);
            }
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "A listener of {Channel} failed on '{Message}'")]
    private static partial void LogListenerFailed(ILogger logger, Exception exception, string channel, string message);
}
