using Markdig;
using Markdig.Syntax;

namespace ServiceBot.Knowledge.Tests.Specs;

/// <summary>
/// One example of a spec file (Markdown, in the manner of CommonMark's and markdig's spec files): a level-2 heading
/// names it; fenced blocks give its input files (```file PATH) and its expected output (```problems, ```entries …).
/// </summary>
public sealed record SpecExample(string Name, IReadOnlyDictionary<string, string> Files, IReadOnlyDictionary<string, string> Expected)
{
    public override string ToString() => Name;
}

public static class SpecFile
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Specs", name);

    public static IReadOnlyList<SpecExample> Read(string name)
    {
        var document = Markdown.Parse(File.ReadAllText(PathOf(name)));
        var examples = new List<SpecExample>();
        string? current = null;
        var files = new Dictionary<string, string>();
        var expected = new Dictionary<string, string>();

        void Flush()
        {
            if (current is not null)
            {
                examples.Add(new SpecExample(current, files, expected));
            }

            files = new Dictionary<string, string>();
            expected = new Dictionary<string, string>();
        }

        foreach (var block in document)
        {
            switch (block)
            {
                case HeadingBlock { Level: 2 } heading:
                    Flush();
                    current = heading.Inline?.FirstChild?.ToString() ?? "";
                    break;
                case FencedCodeBlock fence when current is not null:
                    var info = fence.Info ?? "";
                    var text = fence.Lines.ToString();
                    if (info == "file")
                    {
                        files[fence.Arguments!.Trim()] = text + "\n";
                    }
                    else
                    {
                        expected[info] = text;
                    }

                    break;
            }
        }

        Flush();
        return examples;
    }
}

/// <summary>A throwaway folder for one test, deleted afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "servicebot-tests", Guid.NewGuid().ToString("N"));

    public string Write(string relative, string text)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A watcher may still hold the folder for a moment; the OS temp cleaner takes it later.
        }
    }
}
