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
    public void Every_rule_of_the_shipped_data_quotes_a_seed_or_says_it_is_an_assumption() =>
        Assert.Equal(string.Empty, string.Join("\n", ShippedCitations.Unsourced()));

    [Fact]
    public void A_basis_in_free_text_only_is_caught_and_a_quote_or_an_assumption_passes()
    {
        const string json = """
            { "rules": [
                { "code": "a", "basis": "002 task 29: “年人均纯收入超过3600元”." },
                { "code": "b", "basis": "free text", "seed": "002_5f21325f1a4d38f3.txt", "quote": "年人均纯收入超过3600元" },
                { "code": "c", "basis": "The weights are an assumption, configurable." },
                { "code": "d", "basis": "权重为本系统假设，可配置。" } ],
              "limit": { "basis": "003's rule, applied here; configurable." } }
            """;

        Assert.Equal(["t.json $.rules[0]", "t.json $.limit"], ShippedCitations.UnsourcedIn("t.json", json));
    }

    [Fact]
    public void Every_phase_task_and_report_deadline_of_the_plan_templates_has_a_citation()
    {
        foreach (var plan in Workflow.Domain.Plans.PlanTemplates.All)
        {
            var about = (plan.Citations ?? []).Select(c => c.About).ToHashSet(StringComparer.Ordinal);
            var wanted = plan.Phases.Select(p => $"phase {p.Key}").Concat(plan.Tasks.Select(t => $"task {t.Number}"))
                .Concat(plan.ReportDeadlines.Count > 0 ? ["reportDeadlines"] : Array.Empty<string>());
            Assert.Empty(wanted.Where(w => !about.Contains(w)).Select(w => $"{plan.Title}: {w}"));
            Assert.All(plan.Citations!, c => Assert.True(c.Seed is not null || c.Basis.Contains("assumption", StringComparison.OrdinalIgnoreCase), $"{plan.Title} {c.About}"));
        }
    }

    [Fact]
    public void Every_indicator_of_the_rule_sets_quotes_a_seed_or_says_it_is_an_assumption()
    {
        foreach (var rules in Workflow.Domain.Standards.StandardCatalog.All)
        {
            var indicators = rules.HouseholdIndicators.Concat(rules.VillageIndicators).Concat(rules.CountyIndicators)
                .Concat(rules.NationalAssessmentIndicators).Concat(rules.CollectiveIncomeCoverageIndicators);
            Assert.All(indicators, i => Assert.True(
                (i.Seed is not null && i.Quote is not null && SeedDocuments.Problem(i.Code, i.Seed, i.Quote).Length == 0)
                || i.Basis.Contains("assumption", StringComparison.OrdinalIgnoreCase), $"{rules.CountyName} {i.Code}"));
        }
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
