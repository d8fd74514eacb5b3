using System.Text.RegularExpressions;
using Xunit;

namespace Workflow.App.Tests.Storage;

/// <summary>
/// The app's storage code, read as source: every table write goes through CheckedTableWrites (so TableRules runs
/// before any request) and every query filter is built by the SDK from its arguments, never concatenated.
/// </summary>
public sealed partial class StorageSeamTests
{
    private static readonly string AppSource = Path.Combine(RepositoryRoot.Path, "functions", "Workflow.App");

    [Fact]
    public void Every_table_write_goes_through_the_checked_writes()
    {
        var skipping = Sources()
            .Where(s => !s.Path.EndsWith(Path.Combine("Storage", "CheckedTableWrites.cs"), StringComparison.Ordinal))
            .SelectMany(s => DirectWrite().Matches(s.Text).Select(m => $"{s.Relative}: {m.Value}"))
            .ToList();

        Assert.True(skipping.Count == 0, "Table writes that skip TableRules (use AddCheckedAsync, UpsertCheckedAsync, UpdateCheckedAsync, SubmitCheckedAsync):\n" + string.Join('\n', skipping));
    }

    [Fact]
    public void No_query_filter_is_an_interpolated_or_concatenated_string()
    {
        var built = Sources()
            .SelectMany(s => HandBuiltFilter().Matches(s.Text).Select(m => $"{s.Relative}: {m.Value}"))
            .ToList();

        Assert.True(built.Count == 0, "Filters built by hand (use TableClient.CreateQueryFilter):\n" + string.Join('\n', built));
    }

    private static IEnumerable<(string Path, string Relative, string Text)> Sources() =>
        Directory.EnumerateFiles(AppSource, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Select(f => (f, Path.GetRelativePath(RepositoryRoot.Path, f), File.ReadAllText(f)));

    [GeneratedRegex(@"\.(?:AddEntityAsync|UpsertEntityAsync|UpdateEntityAsync|SubmitTransactionAsync)\b")]
    private static partial Regex DirectWrite();

    // A QueryAsync (or filter: argument) given an interpolated string or a concatenation directly.
    [GeneratedRegex(@"(?:QueryAsync(?:<\w+>)?\(\s*|filter:\s*)(?:\$""|""[^""]*""\s*\+)")]
    private static partial Regex HandBuiltFilter();
}
