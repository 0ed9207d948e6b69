using System.Globalization;

namespace ServiceBot.Bot.Agents.Handoff;

/// <summary>
/// When agents are at work: configuration <c>Handoff:ServiceHours</c> "08:00-22:00" in <c>Handoff:UtcOffset</c>
/// (+08:00, Beijing), as the policy file's service_hours tells customers; "00:00-24:00" is around the clock.
/// </summary>
public sealed class ServiceHours
{
    private readonly TimeSpan _open;
    private readonly TimeSpan _close;
    private readonly TimeSpan _offset;

    public ServiceHours(string hours, string offset)
    {
        var parts = (hours ?? "").Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !TryTime(parts[0], out _open) || !TryTime(parts[1], out _close) || _close <= _open)
        {
            throw new FormatException($"Handoff:ServiceHours must look like 08:00-22:00, not '{hours}'.");
        }

        if (!TimeSpan.TryParse((offset ?? "").TrimStart('+'), CultureInfo.InvariantCulture, out _offset))
        {
            throw new FormatException($"Handoff:UtcOffset must look like +08:00, not '{offset}'.");
        }
    }

    public string Opens => _open.ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    public bool IsOpen(DateTimeOffset now)
    {
        var local = now.ToOffset(_offset).TimeOfDay;
        return local >= _open && local < _close;
    }

    private static bool TryTime(string text, out TimeSpan time)
    {
        if (text == "24:00")
        {
            time = TimeSpan.FromHours(24);
            return true;
        }

        return TimeSpan.TryParseExact(text, @"hh\:mm", CultureInfo.InvariantCulture, out time) || TimeSpan.TryParseExact(text, @"h\:mm", CultureInfo.InvariantCulture, out time);
    }
}
