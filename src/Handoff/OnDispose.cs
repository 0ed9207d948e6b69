namespace ServiceBot.Handoff;

/// <summary>Runs an action on the first Dispose, never again: a registration's way to remove itself.</summary>
internal sealed class OnDispose(Action action) : IDisposable
{
    private Action? _action = action;

    public void Dispose() => Interlocked.Exchange(ref _action, null)?.Invoke();
}
