namespace ServiceBot.Tests.Support;

internal static class RepositoryPaths
{
    /// <summary>The repository's knowledge/ folder, found above the test binaries.</summary>
    public static string Knowledge => FindUp("knowledge", d => Directory.Exists(Path.Combine(d, "faq")));

    /// <summary>The repository's root: the folder holding knowledge/.</summary>
    public static string Root => Path.GetDirectoryName(Knowledge)!;

    public static string DevSet => Path.Combine(Path.GetDirectoryName(Knowledge)!, "tests", "Knowledge.Tests", "DevSet", "dev.jsonl");

    private static string FindUp(string name, Func<string, bool> accept)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, name);
            if (Directory.Exists(candidate) && accept(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"no '{name}' folder above {AppContext.BaseDirectory}");
    }
}
