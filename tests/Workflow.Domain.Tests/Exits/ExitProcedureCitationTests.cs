using Workflow.Domain.Exits;

namespace Workflow.Domain.Tests.Exits;

/// <summary>No seed lists the exit steps or a 7-day notice: the procedure must say so rather than credit the seeds.</summary>
public class ExitProcedureCitationTests
{
    private static readonly ExitProcedure National = ExitProcedureCatalog.National;

    [Fact]
    public void Every_step_the_notice_period_and_the_objection_review_say_where_they_come_from()
    {
        var about = (National.Citations ?? []).Select(c => c.About).ToHashSet(StringComparer.Ordinal);

        Assert.All(ExitProcedure.NationalOrder.Append(ExitProcedure.ObjectionReviewCode).Append("noticeDays"), code => Assert.Contains(code, about));
    }

    [Fact]
    public void The_steps_no_seed_names_and_the_seven_days_are_marked_as_configurable_assumptions()
    {
        string[] unsourced = [ExitProcedure.Appraisal, ExitProcedure.Verification, ExitProcedure.Consent, ExitProcedure.TownshipReview,
            ExitProcedure.CountyApproval, ExitProcedure.ObjectionReviewCode, "noticeDays"];

        Assert.All((National.Citations ?? []).Where(c => unsourced.Contains(c.About)), c =>
        {
            Assert.Null(c.Seed);
            Assert.Contains("assumption", c.Basis, StringComparison.Ordinal);
            Assert.Contains("configurable", c.Basis, StringComparison.Ordinal);
        });
        Assert.DoesNotContain("seeds 001–004", National.Source, StringComparison.Ordinal);
        Assert.Contains("国家贫困退出机制", National.Source, StringComparison.Ordinal);
    }
}
