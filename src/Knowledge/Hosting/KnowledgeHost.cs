using Microsoft.Extensions.Logging;
using ServiceBot.Knowledge.Loading;
using ServiceBot.Knowledge.Model;
using ServiceBot.Knowledge.Search;

namespace ServiceBot.Knowledge.Hosting;

/// <summary>
/// Serves the current <see cref="KnowledgeBase"/> and rebuilds it when files under the knowledge folder change.
/// The new base is built aside and swapped in one reference write; if the new files have errors, the last good
/// base keeps serving and the errors show in <see cref="Status"/>. File events are debounced, and a periodic
/// fingerprint check catches changes a watcher can miss (editors that save by rename, network folders).
/// </summary>
public sealed partial class KnowledgeHost : IDisposable
{
    private readonly string _root;
    private readonly SearchThresholds _thresholds;
    private readonly ILogger _logger;
    private readonly TimeSpan _debounce;
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private readonly object _timerLock = new();
    private FileSystemWatcher? _watcher;
    private Timer? _debounceTimer;
    private Timer? _pollTimer;
    private volatile KnowledgeBase? _current;
    private volatile KnowledgeStatus _status;
    private string _fingerprint = "";
    private bool _disposed;

    public KnowledgeHost(string root, SearchThresholds thresholds, ILogger<KnowledgeHost> logger, TimeSpan? debounce = null)
    {
        _root = Path.GetFullPath(root);
        _thresholds = thresholds;
        _logger = logger;
        _debounce = debounce ?? TimeSpan.FromMilliseconds(300);
        _status = new KnowledgeStatus(false, 0, null, new Dictionary<string, int>(), null, false, []);
    }

    /// <summary>The knowledge base being served, or null before the first successful load.</summary>
    public KnowledgeBase? Current => _current;

    public KnowledgeStatus Status => _status;

    public string Root => _root;

    /// <summary>Raised after a new knowledge base is swapped in.</summary>
    public event Action<KnowledgeBase>? Reloaded;

    /// <summary>Loads the knowledge base once and starts watching for changes.</summary>
    public void Start()
    {
        Reload();
        if (Directory.Exists(_root))
        {
            _watcher = new FileSystemWatcher(_root)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            _watcher.Changed += OnFileEvent;
            _watcher.Created += OnFileEvent;
            _watcher.Deleted += OnFileEvent;
            _watcher.Renamed += OnFileEvent;
            _watcher.Error += (_, e) => LogWatcherError(_logger, e.GetException());
            _watcher.EnableRaisingEvents = true;
        }

        _pollTimer = new Timer(_ => ReloadIfChanged(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>Rebuilds now. Returns true when a new base is serving.</summary>
    public bool Reload()
    {
        _reloadGate.Wait();
        try
        {
            return ReloadLocked();
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    public void Dispose()
    {
        lock (_timerLock)
        {
            _disposed = true;
            _watcher?.Dispose();
            _debounceTimer?.Dispose();
            _pollTimer?.Dispose();
        }

        // The swapped-out bases are left to the GC: a search may still be running on one.
        _current = null;
    }

    private bool ReloadLocked()
    {
        var fingerprint = Fingerprint();
        var started = DateTimeOffset.UtcNow;
        KnowledgeSource source;
        try
        {
            source = KnowledgeLoader.Load(_root);
        }
#pragma warning disable CA1031 // A reload must never take the service down; the error is reported instead.
        catch (Exception e)
#pragma warning restore CA1031
        {
            source = new KnowledgeSource([], PolicyValues.Empty, new Dictionary<string, SynonymTable>(), ConfidenceModel.Default,
                // The message names files by absolute path: shown relative to the folder, like every other problem.
                [new Problem(_root, 1, Severity.Error, "could not read the knowledge folder: "
                    + e.Message.Replace(_root + Path.DirectorySeparatorChar, "", StringComparison.Ordinal).Replace(_root, ".", StringComparison.Ordinal))]);
        }

        _fingerprint = fingerprint;
        var previous = _current;
        if (source.HasErrors)
        {
            foreach (var problem in source.Problems.Where(p => p.Severity == Severity.Error))
            {
                LogProblem(_logger, problem.ToString());
            }

            LogKeptPrevious(_logger, source.Problems.Count(p => p.Severity == Severity.Error), previous is not null);
            _status = _status with { LastAttemptAt = started, LastAttemptSucceeded = false, Problems = source.Problems };
            return false;
        }

        var next = KnowledgeBase.Build(source, _thresholds);
        _current = next;
        var perLocale = Locales.All.ToDictionary(l => l, l => next.Entries(l).Count());
        _status = new KnowledgeStatus(true, _status.Generation + 1, next.BuiltAt, perLocale, started, true, source.Problems);
        LogReloaded(_logger, _status.Generation, next.Count, (DateTimeOffset.UtcNow - started).TotalMilliseconds);
        Reloaded?.Invoke(next);
        return true;
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        lock (_timerLock)
        {
            if (_disposed)
            {
                return;
            }

            _debounceTimer ??= new Timer(_ => ReloadIfChanged(), null, Timeout.Infinite, Timeout.Infinite);
            _debounceTimer.Change(_debounce, Timeout.InfiniteTimeSpan);
        }
    }

    private void ReloadIfChanged()
    {
        if (!_reloadGate.Wait(0))
        {
            return; // A reload is running; it or the next poll will see this change.
        }

        try
        {
            if (!_disposed && Fingerprint() != _fingerprint)
            {
                ReloadLocked();
            }
        }
#pragma warning disable CA1031 // Timer callbacks must not throw: that would end the process.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogWatcherError(_logger, e);
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    /// <summary>Paths, sizes and write times of every knowledge file: changes whenever an editor saves.</summary>
    private string Fingerprint()
    {
        try
        {
            var hash = new HashCode();
            foreach (var file in KnowledgeLoader.WatchedFiles(_root).Order(StringComparer.Ordinal))
            {
                var info = new FileInfo(file);
                hash.Add(file);
                hash.Add(info.Length);
                hash.Add(info.LastWriteTimeUtc.Ticks);
            }

            return hash.ToHashCode().ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return "unreadable";
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Knowledge base generation {Generation} serving {Count} entries (built in {Milliseconds:F0} ms)")]
    private static partial void LogReloaded(ILogger logger, int generation, int count, double milliseconds);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Knowledge problem: {Problem}")]
    private static partial void LogProblem(ILogger logger, string problem);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Knowledge reload rejected with {Errors} error(s); still serving the previous base: {HasPrevious}")]
    private static partial void LogKeptPrevious(ILogger logger, int errors, bool hasPrevious);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "Knowledge watcher failed")]
    private static partial void LogWatcherError(ILogger logger, Exception exception);
}
