using Workflow.Domain.Entries;
using Workflow.Domain.Exits;

namespace Workflow.Domain.Tests.Entries;

public class EntryProcedureTests
{
    private static readonly ExitProcedure National = EntryProcedureCatalog.National;

    [Fact]
    public void The_national_entry_procedure_has_the_six_steps_ending_in_registration_and_a_notice()
    {
        Assert.Equal(EntryProcedure.Order, National.Steps.Select(s => s.Code));
        Assert.Equal(ExitStepKind.Registration, National.Steps[^1].Kind);
        Assert.Equal(ExitStepKind.PublicNotice, National.Step(ExitProcedure.Notice).Kind);
        Assert.Equal(ExitRole.CountyOfficer, National.Step(ExitProcedure.CountyApproval).DecidedBy);
        Assert.DoesNotContain(National.Steps, s => s.Code == ExitProcedure.Consent);
    }

    [Fact]
    public void A_case_on_the_entry_procedure_finds_it_by_id_and_exit_procedures_are_unchanged()
    {
        Assert.Same(National, ExitProcedureCatalog.ById(National.Id));
        Assert.Same(National, EntryProcedureCatalog.For("532331", 2020));
        Assert.DoesNotContain(ExitProcedureCatalog.All, p => p.Id == National.Id);
        Assert.Equal(ExitProcedure.NationalOrder, ExitProcedureCatalog.National.Steps.Select(s => s.Code));
    }

    [Fact]
    public void Every_step_and_setting_says_where_it_comes_from_and_the_unsourced_ones_are_configurable_assumptions()
    {
        var citations = National.Citations ?? [];
        var about = citations.Select(c => c.About).ToHashSet(StringComparer.Ordinal);
        Assert.All(EntryProcedure.Order.Append(ExitProcedure.ObjectionReviewCode).Append("noticeDays").Append("annualAdjustment").Append("immediateEntry"),
            code => Assert.Contains(code, about));

        string[] unsourced = [ExitProcedure.Appraisal, ExitProcedure.Verification, ExitProcedure.Notice, ExitProcedure.TownshipReview,
            ExitProcedure.CountyApproval, ExitProcedure.ObjectionReviewCode, "noticeDays"];
        Assert.All(citations.Where(c => unsourced.Contains(c.About)), c =>
        {
            Assert.Null(c.Seed);
            Assert.Contains("assumption", c.Basis, StringComparison.Ordinal);
            Assert.Contains("configurable", c.Basis, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void An_exit_procedure_is_refused_as_an_entry_procedure_because_the_steps_differ()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(ExitProcedureCatalog.National, JsonOptions);

        var error = Assert.Throws<InvalidDataException>(() => EntryProcedure.FromJson(json));

        Assert.Contains("the six entry steps", error.Message, StringComparison.Ordinal);
    }

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
