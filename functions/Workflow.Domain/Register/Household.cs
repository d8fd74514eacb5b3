namespace Workflow.Domain.Register;

/// <summary>建档立卡贫困户 — a registered poor household.</summary>
public sealed class Household
{
    public Household(
        string number,
        IReadOnlyList<Member> members,
        PovertyCause cause,
        PovertyStatus status,
        int? exitYear,
        MonitoringCategory monitoring,
        HouseholdIncome income,
        string responsibleCadre)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        ArgumentException.ThrowIfNullOrWhiteSpace(responsibleCadre);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(income);
        var heads = members.Count(m => m.Relationship == Relationship.Head);
        if (heads != 1)
        {
            throw new ArgumentException($"A household has exactly one head (户主); {number} has {heads}.", nameof(members));
        }

        // The exit year is what separates "exited" from "never exited" in the register, so the two must agree.
        if ((status == PovertyStatus.NotExited) != (exitYear is null))
        {
            throw new ArgumentException($"Household {number}: an exit year goes with an exited status, and only with it.", nameof(exitYear));
        }

        Number = number;
        Members = members;
        Head = members.Single(m => m.Relationship == Relationship.Head);
        Cause = cause;
        Status = status;
        ExitYear = exitYear;
        Monitoring = monitoring;
        Income = income;
        ResponsibleCadre = responsibleCadre;
    }

    /// <summary>户编号.</summary>
    public string Number { get; }

    /// <summary>户主.</summary>
    public Member Head { get; }

    public IReadOnlyList<Member> Members { get; }

    /// <summary>家庭人口数.</summary>
    public int Size => Members.Count;

    /// <summary>致贫原因 (main cause).</summary>
    public PovertyCause Cause { get; }

    /// <summary>脱贫属性.</summary>
    public PovertyStatus Status { get; }

    /// <summary>脱贫年度, present exactly when the household has exited.</summary>
    public int? ExitYear { get; }

    /// <summary>监测类别.</summary>
    public MonitoringCategory Monitoring { get; }

    public HouseholdIncome Income { get; }

    /// <summary>帮扶责任人 — the cadre paired with the household.</summary>
    public string ResponsibleCadre { get; }
}
