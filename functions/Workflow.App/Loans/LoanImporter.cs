using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflow.App.Loans.Orchestration;
using Workflow.App.Register;
using Workflow.Domain.Loans;
using Workflow.Domain.Register;

namespace Workflow.App.Loans;

/// <summary>
/// Imports a bank's loan ledger (CSV or XLSX, read as the register is read): bad rows are reported by line and column
/// and the good ones kept; a borrower must be a household on the county's register, whose township, village and 帮扶责任人
/// the loan takes. Each new loan starts its maturity notices; a loan already in the ledger keeps its stored row and its
/// one workflow, so importing the same file again changes nothing and sends nothing twice.
/// </summary>
public sealed class LoanImporter(RegisterStore register, LoanStore loans, DurableTaskClient client, TimeProvider time, ILogger<LoanImporter> logger)
{
    /// <exception cref="LoanRequestException">The file cannot be read as a ledger; nothing was changed.</exception>
    public async Task<LoanImportReport> ImportAsync(County places, string fileName, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(places);
        RegisterSheet sheet;
        try
        {
            sheet = RegisterFileReader.Read(fileName, content, LoanColumns.All);
        }
        catch (RegisterFileRejectedException e)
        {
            throw new LoanRequestException(StatusCodes.Status400BadRequest, e.Message);
        }

        var missing = LoanColumns.All.Where(c => !sheet.Headers.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw new LoanRequestException(StatusCodes.Status400BadRequest,
                $"贷款台账缺少列：{string.Join("、", missing)}。表头应为：{string.Join("、", LoanColumns.All)}。");
        }

        var rules = LoanRules.Default;
        var batch = new LoanImportBatch(rules);
        foreach (var row in sheet.Rows)
        {
            batch.Add(row.Cells, row.Line);
        }

        var households = new List<(int Line, SmallLoan Loan, RegisteredHousehold Household)>();
        foreach (var (line, loan) in batch.Loans.ToList())
        {
            var household = await register.FindHouseholdAsync(places.Code, loan.HouseholdNumber, cancellationToken).ConfigureAwait(false);
            if (household is null)
            {
                batch.Refuse(line, LoanColumns.HouseholdNumber, $"户编号「{loan.HouseholdNumber}」不在{places.Name}的名册中，本行未导入");
            }
            else
            {
                households.Add((line, loan, household));
            }
        }

        var now = time.GetUtcNow();
        var imported = 0;
        var immediate = new List<LoanFlagLine>();
        foreach (var (line, loan, household) in households)
        {
            var record = new LoanRecord(places.Code, loan, household.TownshipCode, household.Township, household.VillageCode, household.Village,
                household.Household.ResponsibleCadre, now, []);
            if (await loans.TryAddAsync(record, cancellationToken).ConfigureAwait(false))
            {
                imported++;
                immediate.AddRange(rules.Notices.Where(n => LoanNotices.IsLate(record, n))
                    .Select(n => new LoanFlagLine(line, loan.LoanNumber, $"距到期已不足{n.DaysBeforeDue}天：{n.Title}即时发出")));
            }

            await StartNoticesAsync(places.Code, loan.LoanNumber, cancellationToken).ConfigureAwait(false);
        }

        var flags = batch.Flagged()
            .Where(f => households.Any(h => h.Line == f.Line))
            .Select(f => new LoanFlagLine(f.Line, f.Loan.LoanNumber, string.Join("；", f.Flags.Select(x => LoanExcessText.Of(x, rules)))))
            .ToList();
        logger.LogInformation("Loan ledger of county {County}: {Rows} rows, {Imported} loans added, {Refused} errors", places.Code, batch.RowCount, imported, batch.Errors.Count);
        return new LoanImportReport(sheet.Format, batch.RowCount, imported, households.Count - imported, batch.Errors, flags, immediate);
    }

    /// <summary>Starts the loan's notices unless they were started before: a crash between the row and the start is mended by importing again.</summary>
    private async Task StartNoticesAsync(string countyCode, string loanNumber, CancellationToken cancellationToken)
    {
        var instanceId = LoanInstances.Maturity(countyCode, loanNumber);
        if (await client.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(LoanMaturityOrchestrator.Name, new LoanInput(countyCode, loanNumber),
                new StartOrchestrationOptions(instanceId), cancellationToken).ConfigureAwait(false);
        }
        catch (global::DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException)
        {
            // Imported twice at once: the other import started it.
        }
    }
}
