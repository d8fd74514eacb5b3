using Workflow.Domain.Funds;
using Workflow.App.Links;
using Workflow.App.Notifications;

namespace Workflow.App.Funds;

/// <summary>
/// Sends an allocation's notifications: to each payer a capability link to record the payment, to the 经管站 one to
/// enter a village's payment request, reminders, 督办单 and 约谈, and copies to the county office. A link is bound to
/// the allocation, the step and the holder; a message's id is the step and the orchestration's sequence number, so an
/// activity that runs twice records one message.
/// </summary>
public sealed class FundRequests(CapabilityLinkSigner signer, LinkAddresses addresses, NotificationOutbox outbox)
{
    public const string PayPurpose = "fund-pay";
    public const string RequestPurpose = "fund-request";

    /// <summary>A summoned step has no deadline left, but it must still be paid: its last link lives this long.</summary>
    public static readonly TimeSpan SummonedLinkLifetime = TimeSpan.FromDays(30);

    /// <summary>Asks the payer to pay and record the payment with its voucher; the link lives until the deadline in force and the usual lifetime after.</summary>
    public Task AskToPayAsync(FundAllocation allocation, DisbursementStep step, int sequence, DateTimeOffset at, string kind, string title, string? note,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        ArgumentNullException.ThrowIfNull(step);
        var recipient = FundRecipients.Payer(allocation, step.Stage);
        var lifetime = step.Overdue == Domain.Rectification.OverdueStage.Summoned ? SummonedLinkLifetime
            : step.OverdueAt > at ? step.OverdueAt - at + signer.DefaultLifetime : (TimeSpan?)null;
        var token = signer.Issue(PayPurpose, allocation.AllocationId, step.Step, recipient, lifetime);
        var text = $"{Describe(allocation, step)}，请于 {Pages.Shown.Date(step.DueOn)} 前拨付到位，并通过链接登记拨付金额、日期和拨付凭证。";
        return outbox.RecordAsync(new NotificationMessage($"{allocation.AllocationId}.{step.Step}.{sequence}", kind, allocation.AllocationId, recipient, title,
            note is null ? text : $"{note} {text}", addresses.Absolute($"/pay/record/{token}"), at), cancellationToken);
    }

    /// <summary>Asks the 经管站 to enter the next village payment request once reviewed; <paramref name="left"/> is what is left to request.</summary>
    public Task AskForRequestAsync(FundAllocation allocation, string step, decimal left, int sequence, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        var recipient = FundRecipients.EconomicOffice(allocation);
        var token = signer.Issue(RequestPurpose, allocation.AllocationId, step, recipient, TimeSpan.FromDays(365));
        return outbox.RecordAsync(new NotificationMessage($"{allocation.AllocationId}.{step}.{sequence}", NotificationKinds.DecisionAwaited, allocation.AllocationId,
            recipient, "待登记：项目村资金拨付申请",
            $"{allocation.Source}（{allocation.DocumentNumber}）尚有 {PaymentCheck.Yuan(left)} 元待拨付至项目村。项目村提报的拨付申请审核无误后，请通过链接登记，登记之日起 5 个工作日内拨付到位。",
            addresses.Absolute($"/pay/request/{token}"), at), cancellationToken);
    }

    /// <summary>A notice without a link, e.g. to the county office about a 督办单 it can see on the allocation's page.</summary>
    public Task InformAsync(FundAllocation allocation, string step, int sequence, string key, string recipient, string kind, string title, string text, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        return outbox.RecordAsync(new NotificationMessage($"{allocation.AllocationId}.{step}.{sequence}.{key}", kind, allocation.AllocationId, recipient, title, text,
            addresses.Absolute($"/funds/{Uri.EscapeDataString(allocation.AllocationId)}"), at), cancellationToken);
    }

    /// <summary>e.g. “中央财政专项扶贫资金（县财字〔2026〕12号）100,000.00 元由县财政局拨付至碧城镇财政所”.</summary>
    public static string Describe(FundAllocation allocation, DisbursementStep step)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        ArgumentNullException.ThrowIfNull(step);
        return $"{allocation.Source}（{allocation.DocumentNumber}）{PaymentCheck.Yuan(step.Amount)} 元由{FundRecipients.NameOf(allocation, step.Stage)}拨付至{FundRecipients.PayeeOf(allocation, step)}";
    }

    /// <summary>The 督办单's number, e.g. 资金督办〔2026〕3fa9c0-finance号.</summary>
    public static string NoticeNumber(FundAllocation allocation, DisbursementStep step)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        ArgumentNullException.ThrowIfNull(step);
        return $"资金督办〔{step.SupervisedOn?.Year ?? step.DueOn.Year}〕{allocation.AllocationId[^12..^6]}-{step.Step}号";
    }
}
