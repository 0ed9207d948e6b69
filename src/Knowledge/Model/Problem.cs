namespace ServiceBot.Knowledge.Model;

public enum Severity
{
    Warning,
    Error,
}

/// <summary>A lint finding, printed as <c>path:line: severity: message</c> so editors and IDEs can jump to it.</summary>
public sealed record Problem(SourceLocation Location, Severity Severity, string Message)
{
    public Problem(string path, int line, Severity severity, string message)
        : this(new SourceLocation(path, line), severity, message)
    {
    }

    /// <summary>The same problem with its path relative to <paramref name="folder"/>.</summary>
    public Problem RelativeTo(string folder) => this with { Location = Location.RelativeTo(folder) };

    public override string ToString() =>
        $"{Location.Path}:{Location.Line}: {(Severity == Severity.Error ? "error" : "warning")}: {Message}";
}
