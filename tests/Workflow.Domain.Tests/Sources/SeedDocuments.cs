using System.Text.RegularExpressions;

namespace Workflow.Domain.Tests.Sources;

/// <summary>
/// The seed documents (../shared/seeds/ beside the repository, else the copy kept in docs/seeds/ for a checkout
/// that has no shared folder beside it) and a check that a quoted sentence is in the seed it names. Line breaks and spaces are ignored on both sides: the seeds are plain text wrapped mid-sentence and spaced
/// around numbers (“154 户 404 人”), and a quote copied from them must match whatever the wrapping.
/// </summary>
public static partial class SeedDocuments
{
    private static readonly Lazy<Dictionary<string, string>> Texts = new(Read);

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The county documents as the team keeps them, beside the repository.</summary>
    public static string SharedFolder => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "seeds"));

    /// <summary>The copy in the repository, so the checks run on any clean checkout; a test holds it equal to the shared one.</summary>
    public static string CopyFolder => Path.Combine(RepositoryRoot, "docs", "seeds");

    public static string Folder => Directory.Exists(SharedFolder) ? SharedFolder : CopyFolder;

    /// <summary>Why the quote is not a true one ("" when it is): the seed file is unknown, or the sentence is not in it.</summary>
    public static string Problem(string where, string seed, string quote)
    {
        if (!Texts.Value.TryGetValue(seed, out var text))
        {
            return $"{where}: cites {seed}, which is not a seed file ({string.Join(", ", Texts.Value.Keys)}).";
        }

        var wanted = Compact(quote);
        return wanted.Length == 0 ? $"{where}: the quote from {seed} is empty."
            : text.Contains(wanted, StringComparison.Ordinal) ? string.Empty
            : $"{where}: “{quote}” is not in {seed}.";
    }

    private static Dictionary<string, string> Read()
    {
        var files = Directory.Exists(Folder) ? Directory.GetFiles(Folder, "0*.txt") : [];
        Assert.True(files.Length > 0, $"The seed documents are not at {Folder}: the citation checks read them from ../shared/seeds/ beside the repository, or docs/seeds/.");
        return files.ToDictionary(f => Path.GetFileName(f), f => Compact(File.ReadAllText(f)), StringComparer.Ordinal);
    }

    private static string Compact(string text) => Whitespace().Replace(text, string.Empty);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Workflow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Workflow.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
