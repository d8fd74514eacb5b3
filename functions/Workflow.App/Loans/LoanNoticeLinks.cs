using System.Globalization;
using Workflow.App.Links;

namespace Workflow.App.Loans;

/// <summary>
/// The read-only link a notice's recipients open to print it (the bank hands the borrower the 书面通知书, 004): signed for
/// the loan, its due date and the notice, valid until 30 days after the due date, never spent. The county office reads the
/// same page signed in on the console; the bank's contact, the township and the cadre have no county sign-in.
/// </summary>
public sealed class LoanNoticeLinks(CapabilityLinkSigner signer, LinkAddresses addresses, TimeProvider time)
{
    public const string Purpose = "loan-notice";
    public const string PathPrefix = "/loan-notice/";

    /// <summary>After the due date the notice is still printed for the file; a month is an assumption.</summary>
    private static readonly TimeSpan AfterDue = TimeSpan.FromDays(30);

    public Uri Issue(LoanRecord record, int daysBeforeDue, string recipient)
    {
        ArgumentNullException.ThrowIfNull(record);
        var until = Domain.Calendar.ShanghaiTime.StartOf(record.Loan.DueDate) + AfterDue;
        var lifetime = until - time.GetUtcNow();
        var token = signer.Issue(Purpose, Subject(record.CountyCode, record.Loan.LoanNumber), Step(daysBeforeDue, record.Loan.DueDate), recipient,
            lifetime > TimeSpan.Zero ? lifetime : AfterDue);
        return addresses.Absolute(PathPrefix + Uri.EscapeDataString(token));
    }

    /// <summary>The county and 贷款编号 of a link, with the notice's days and the due date it was sent for; null for a link not made here.</summary>
    public static (string CountyCode, string LoanNumber, int DaysBeforeDue, DateOnly DueDate)? Read(CapabilityLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return link.Subject.Split(':') is [var county, var loan]
               && link.Step.Split(':') is [var days, var due]
               && int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
               && DateOnly.TryParseExact(due, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? (county, loan, d, date)
            : null;
    }

    private static string Subject(string countyCode, string loanNumber) => $"{countyCode}:{loanNumber.ToUpperInvariant()}";

    private static string Step(int daysBeforeDue, DateOnly dueDate) =>
        $"{daysBeforeDue.ToString(CultureInfo.InvariantCulture)}:{dueDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";
}
