namespace Workflow.Domain.Rectification;

/// <summary>What can happen to a rectification item; each is allowed only from certain states.</summary>
public enum RectificationAction
{
    /// <summary>Handed to the responsible unit (待整改 → 整改中).</summary>
    Assign,

    /// <summary>The unit submits its evidence (整改中 → 已提交).</summary>
    Submit,

    /// <summary>The county verifies and closes it (已提交 → 已销号).</summary>
    Verify,

    /// <summary>The county sends it back with a reason (已提交 → 整改中, next round).</summary>
    SendBack,

    /// <summary>The deadline passed the first time: 督办单 with a new deadline.</summary>
    Supervise,

    /// <summary>The new deadline passed too: 约谈.</summary>
    Summon,
}
