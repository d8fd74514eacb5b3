using Workflow.Domain.Exits;

namespace Workflow.Domain.Tests.Exits;

public class ExitProcedureTests
{
    [Fact]
    public void TheNationalDefaultHasTheSevenStepsInTheNationalOrderAndASevenDayNotice()
    {
        var national = ExitProcedureCatalog.National;

        Assert.Equal(ExitProcedure.NationalOrder, national.Steps.Select(s => s.Code));
        Assert.Equal(7, national.NoticeDays);
        Assert.Equal(ExitRole.TownshipApprover, national.Step(ExitProcedure.TownshipReview).DecidedBy);
        Assert.Equal(ExitRole.CountyOfficer, national.Step(ExitProcedure.CountyApproval).DecidedBy);
        Assert.Equal(ExitStepKind.PublicNotice, national.Step(ExitProcedure.Notice).Kind);
        Assert.Equal(ExitRole.TownshipApprover, national.Step(ExitProcedure.ObjectionReviewCode).DecidedBy);
    }

    [Fact]
    public void ACountyWithoutItsOwnProcedureGetsTheNationalOne()
    {
        Assert.Same(ExitProcedureCatalog.National, ExitProcedureCatalog.For("532331", 2020));
    }

    [Fact]
    public void AReorderedProcedureIsRefusedBecauseTheOrderIsTheRule()
    {
        var json = NationalJson().Replace("\"code\": \"township-review\"", "\"code\": \"tmp\"", StringComparison.Ordinal)
            .Replace("\"code\": \"appraisal\"", "\"code\": \"township-review\"", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => ExitProcedure.FromJson(json));

        Assert.Contains("national seven in order", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryBrokenRuleOfADecisionStepIsNamed()
    {
        var broken = ExitProcedureCatalog.National with
        {
            Id = "broken",
            Steps = ExitProcedureCatalog.National.Steps
                .Select(s => s.Code == ExitProcedure.TownshipReview ? s with { SlaWorkingDays = 2, RemindWorkingDaysBefore = 2, EscalateTo = s.DecidedBy } : s)
                .ToList(),
            NoticeDays = 0,
        };

        var error = Assert.Throws<InvalidDataException>(() => ExitProcedure.FromJson(System.Text.Json.JsonSerializer.Serialize(broken, JsonOptions)));

        Assert.Contains("township-review: remindWorkingDaysBefore", error.Message, StringComparison.Ordinal);
        Assert.Contains("township-review needs escalateTo", error.Message, StringComparison.Ordinal);
        Assert.Contains("noticeDays", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheShippedProcedureReadsBackFromItsOwnJson()
    {
        var again = ExitProcedure.FromJson(NationalJson());

        Assert.Equal(ExitProcedureCatalog.National.Steps, again.Steps);
        Assert.Equal(ExitProcedureCatalog.National.ObjectionReview, again.ObjectionReview);
    }

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private static string NationalJson() => System.Text.Json.JsonSerializer.Serialize(ExitProcedureCatalog.National, JsonOptions);
}
