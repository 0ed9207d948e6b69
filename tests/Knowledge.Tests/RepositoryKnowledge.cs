using ServiceBot.Knowledge.Loading;
using ServiceBot.Knowledge.Model;

namespace ServiceBot.Knowledge.Tests;

/// <summary>The repository's own knowledge/ folder, loaded once for every test that asks about real content.</summary>
public sealed class RepositoryKnowledge : IDisposable
{
    public RepositoryKnowledge()
    {
        Root = FindUp("knowledge", d => Directory.Exists(Path.Combine(d, "faq")));
        Source = KnowledgeLoader.Load(Root);
        Assert.False(Source.HasErrors, "knowledge/ has errors:\n" + string.Join('\n', Source.Problems.Where(p => p.Severity == Severity.Error)));
        Base = KnowledgeBase.Build(Source);
    }

    public string Root { get; }

    public KnowledgeSource Source { get; }

    public KnowledgeBase Base { get; }

    public static string DevSetPath => Path.Combine(AppContext.BaseDirectory, "DevSet", "dev.jsonl");

    /// <summary>The nearest folder named <paramref name="name"/> above the test binaries that passes <paramref name="accept"/>.</summary>
    public static string FindUp(string name, Func<string, bool> accept)
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

    public void Dispose() => Base.Dispose();
}

[CollectionDefinition(Name)]
public sealed class RepositoryKnowledgeGroup : ICollectionFixture<RepositoryKnowledge>
{
    public const string Name = "repository knowledge";
}
