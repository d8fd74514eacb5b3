using Workflow.Domain.Rectification;

namespace Workflow.Domain.Tests.Sources;

/// <summary>Every sentence the shipped rules quote is in the seed document they name (issue 20, item 5's start).</summary>
public class SeedQuoteTests
{
    [Fact]
    public void Every_quote_in_the_shipped_data_and_rules_is_in_the_seed_it_names()
    {
        var quotes = ShippedCitations.All()
            .Concat(SupervisionPolicy.Citations.Where(c => c.Seed is not null).Select(c => ($"SupervisionPolicy {c.About}", c.Seed!, c.Quote ?? string.Empty)))
            .ToList();

        Assert.NotEmpty(quotes);
        Assert.Equal(string.Empty, string.Join("\n", quotes.Select(q => SeedDocuments.Problem(q.Item1, q.Item2, q.Item3)).Where(p => p.Length > 0)));
    }

    [Fact]
    public void A_quote_that_is_not_in_its_seed_or_names_no_seed_is_caught()
    {
        const string json = """
            { "a": [ { "seed": "003_f16c26e024f0e78d.txt", "quote": "限期整改" } ],
              "b": { "nested": { "seed": "003_f16c26e024f0e78d.txt", "quote": "公示7天" } },
              "c": { "seed": "002_5f21325f1a4d38f3.txt", "quote": "实行“督办单”制度" },
              "d": { "seed": "009_nothing.txt", "quote": "限期整改" } }
            """;

        var problems = ShippedCitations.In("test.json", json).Select(q => SeedDocuments.Problem(q.Where, q.Seed, q.Quote)).ToList();

        Assert.Equal(4, problems.Count);
        Assert.Equal(string.Empty, problems[0]);
        Assert.Contains("test.json $.b.nested", problems[1], StringComparison.Ordinal);
        Assert.Contains("is not in 002_5f21325f1a4d38f3.txt", problems[2], StringComparison.Ordinal);
        Assert.Contains("not a seed file", problems[3], StringComparison.Ordinal);
    }

    [Fact]
    public void A_quote_matches_across_the_seeds_line_breaks_and_spaces() =>
        // 004 writes “154 户 404 人” with spaces; 002 breaks task 5's measures mid-word (“每季度检 / 查规划”).
        Assert.Equal(string.Empty, SeedDocuments.Problem("t", "004_3b47c13935180312.txt", "确保实现154户404人如期脱贫")
            + SeedDocuments.Problem("t", "002_5f21325f1a4d38f3.txt", "每季度检查规划落实情况一次"));

    [Fact]
    public void The_copy_in_docs_is_the_shared_seeds_where_both_are_here()
    {
        var shared = Directory.Exists(SeedDocuments.SharedFolder) ? Directory.GetFiles(SeedDocuments.SharedFolder, "0*.txt") : [];
        foreach (var file in shared)
        {
            var copy = Path.Combine(SeedDocuments.CopyFolder, Path.GetFileName(file));
            Assert.True(File.Exists(copy), $"docs/seeds/ has no copy of {Path.GetFileName(file)}.");
            Assert.True(File.ReadAllBytes(file).AsSpan().SequenceEqual(File.ReadAllBytes(copy)), $"docs/seeds/{Path.GetFileName(file)} differs from ../shared/seeds/.");
        }

        Assert.NotEmpty(Directory.GetFiles(SeedDocuments.CopyFolder, "0*.txt"));
    }
}
