namespace Workflow.App.Funds;

/// <summary>A payment recorded through a step's link: the amount, the day it was paid, who did it, the voucher kept as evidence.</summary>
public sealed record PaymentDecision(string AllocationId, string Step, decimal Amount, DateOnly PaidOn, string Actor, string VoucherId,
    DateTimeOffset DecidedAt, string LinkId, string? ClientIp, string? UserAgent);

/// <summary>
/// A village's payment request (资金拨付申请), entered by the township's 经管站 through its link once reviewed and found
/// correct (审核无误): approved when entered, so step 3's 5 working days run from <see cref="DecidedAt"/>'s date.
/// </summary>
public sealed record VillageRequestDecision(string AllocationId, string Step, string VillageCode, string Village, decimal Amount, string Purpose, string Actor,
    DateTimeOffset DecidedAt, string LinkId, string? ClientIp, string? UserAgent);
