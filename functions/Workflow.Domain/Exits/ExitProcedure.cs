using System.Text.Json;

namespace Workflow.Domain.Exits;

/// <summary>
/// 贫困户退出程序 — the exit procedure of one county and year, as data. The seven steps in their order are county
/// practice under the national 2016 exit mechanism (the seeds require a procedure but do not list its steps; see
/// <see cref="Citations"/>); the order is kept fixed here because every stage trusts the one before it; a county configures who decides each step, the SLA in working days, the reminder, the
/// escalation, the notice period and what a dismissed objection does to the notice.
/// </summary>
/// <param name="CountyCode">Null for the national default, which applies wherever a county has none of its own.</param>
/// <param name="NoticeDays">公示 period in calendar days; no seed gives one (the shipped 7 is county practice, an assumption).</param>
/// <param name="ObjectionReview">The township review an objection during the notice goes to.</param>
/// <param name="Citations">What each step and setting comes from: a seed's sentence, or an assumption (none in a county's own file).</param>
public sealed record ExitProcedure(
    string Id,
    string? CountyCode,
    int? Year,
    string Source,
    IReadOnlyList<ProcedureStep> Steps,
    int NoticeDays,
    ProcedureStep ObjectionReview,
    ObjectionResumption AfterObjectionDismissed,
    IReadOnlyList<Citation>? Citations = null)
{
    public const string Appraisal = "appraisal";
    public const string Verification = "verification";
    public const string Consent = "consent";
    public const string Notice = "notice";
    public const string TownshipReview = "township-review";
    public const string CountyApproval = "county-approval";
    public const string Deregistration = "deregistration";

    /// <summary>挂号, the last step of an entry procedure (Entries/Procedures).</summary>
    public const string Registration = "registration";
    public const string ObjectionReviewCode = "objection-review";

    /// <summary>The steps in order (national 2016 exit mechanism, as counties practise it): a later level never acts before the earlier one has signed off.</summary>
    public static IReadOnlyList<string> NationalOrder { get; } =
        [Appraisal, Verification, Consent, Notice, TownshipReview, CountyApproval, Deregistration];

    /// <summary>The step key of the <paramref name="review"/>-th objection review of a case (1 for the first).</summary>
    public static string ObjectionReviewKey(int review) => $"{ObjectionReviewCode}-{review}";

    /// <summary>Whether a step key (a step code, or objection-review-{n}) is an objection review.</summary>
    public static bool IsObjectionReview(string stepKey) =>
        stepKey.StartsWith(ObjectionReviewCode + "-", StringComparison.Ordinal);

    /// <summary>The step a step key stands for: objection-review-{n} is the objection review.</summary>
    public ProcedureStep StepFor(string stepKey) => Step(IsObjectionReview(stepKey) ? ObjectionReviewCode : stepKey);

    public ProcedureStep Step(string code) =>
        code == ObjectionReviewCode ? ObjectionReview
        : Steps.SingleOrDefault(s => s.Code == code) ?? throw new ArgumentException($"The procedure has no step '{code}'.", nameof(code));

    /// <summary>Reads a procedure a county has written, checking it the way shipped ones are checked.</summary>
    /// <exception cref="InvalidDataException">Not valid JSON for a procedure, or it breaks a rule (each is named).</exception>
    public static ExitProcedure FromJson(string json) => FromJsonUnchecked(json).Checked();

    /// <summary>Reads a procedure's JSON without checking its steps (the caller checks them for its kind of case).</summary>
    internal static ExitProcedure FromJsonUnchecked(string json)
    {
        ExitProcedure procedure;
        try
        {
            procedure = JsonSerializer.Deserialize<ExitProcedure>(json, EmbeddedData.Options)
                ?? throw new InvalidDataException("The procedure is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The procedure is not valid JSON for a procedure: {e.Message}", e);
        }

        return procedure;
    }

    internal ExitProcedure Checked() => Checked(NationalOrder, "the national seven");

    /// <summary>Checks the procedure against the steps its kind of case runs (<see cref="NationalOrder"/> for exits).</summary>
    internal ExitProcedure Checked(IReadOnlyList<string> order, string orderName)
    {
        var problems = new List<string>();
        var codes = Steps.Select(s => s.Code).ToList();
        if (!codes.SequenceEqual(order))
        {
            problems.Add($"steps must be {orderName} in order ({string.Join(" → ", order)}), found {string.Join(" → ", codes)}");
        }

        foreach (var step in Steps)
        {
            var expected = step.Code switch
            {
                Notice => ExitStepKind.PublicNotice,
                Deregistration => ExitStepKind.Deregistration,
                Registration => ExitStepKind.Registration,
                _ => ExitStepKind.Decision,
            };
            if (step.Kind != expected)
            {
                problems.Add($"step {step.Code} must be of kind {expected}");
            }
            else if (expected == ExitStepKind.Decision)
            {
                CheckDecision(step, problems);
            }
        }

        if (ObjectionReview.Code != ObjectionReviewCode || ObjectionReview.Kind != ExitStepKind.Decision)
        {
            problems.Add($"objectionReview must be a Decision step with code {ObjectionReviewCode}");
        }
        else
        {
            CheckDecision(ObjectionReview, problems);
        }

        if (NoticeDays < 1)
        {
            problems.Add("noticeDays must be at least 1");
        }

        return problems.Count == 0
            ? this
            : throw new InvalidDataException($"Procedure {Id}: {string.Join("; ", problems)}.");
    }

    private static void CheckDecision(ProcedureStep step, List<string> problems)
    {
        if (step.DecidedBy is null)
        {
            problems.Add($"step {step.Code} needs decidedBy");
        }

        if (step.SlaWorkingDays < 1)
        {
            problems.Add($"step {step.Code} needs slaWorkingDays of at least 1");
        }

        if (step.RemindWorkingDaysBefore < 0 || step.RemindWorkingDaysBefore >= step.SlaWorkingDays)
        {
            problems.Add($"step {step.Code}: remindWorkingDaysBefore must be from 0 to slaWorkingDays − 1");
        }

        if (step.EscalateTo is null || step.EscalateTo == step.DecidedBy)
        {
            problems.Add($"step {step.Code} needs escalateTo, a role other than the one that decides");
        }
    }
}
