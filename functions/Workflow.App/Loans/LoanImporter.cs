using Microsoft.DurableTask;
using Workflow.App.Audit;
using Microsoft.DurableTask.Client;
using Workflow.App.Loans.Orchestration;
using Workflow.App.Register;
using Workflow.Domain.Loans;
using Workflow.Domain.Register;

namespace Workflow.App.Loans;

/// <summary>
/// Imports a bank's loan ledger (CSV or XLSX, read as the register is read): bad rows are reported by line and column
/// and the good ones kept; a borrower must be a household on the county's register, whose township, village and 帮扶责任人
/// the loan takes. Each new loan starts its maturity notices. A loan already in the ledger keeps its stored row and its
/// one workflow when the file says the same, so importing the same file again changes nothing and sends nothing twice;
/// when the bank's row has changed (展期, a corrected amount) the loan is revised, and a moved due date gets its own
/// notices. A 贷款编号 the ledger holds for another household is refused by line. Each import, and each revision, is audited.
/// </summary>
public sealed class LoanImporter(RegisterStore register, LoanStore loans, DurableTaskClient client, AuditLog audit, TimeProvider time, ILogger<LoanImporter> logger)
{
    /// <summary>The audit subject of a county's ledger: each import (step "import") and each loan revised (step the 贷款编号).</summary>
    public static string AuditSubject(string countyCode) => $"loans-{countyCode}";

    /// <exception cref="LoanRequestException">The file cannot be read as a ledger; nothing was changed.</exception>
    public async Task<LoanImportReport> ImportAsync(County places, string fileName, byte[] content, string by, CancellationToken cancellationToken)
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
        var (imported, unchanged) = (0, 0);
        var immediate = new List<LoanFlagLine>();
        var revisions = new List<LoanFlagLine>();
        foreach (var (line, loan, household) in households)
        {
            var saved = await loans.SaveAsync(new LoanRecord(places.Code, loan, household.TownshipCode, household.Township, household.VillageCode, household.Village,
                household.Household.ResponsibleCadre, now, []), cancellationToken).ConfigureAwait(false);
            switch (saved.Kind)
            {
                case LoanSaveKind.OtherHousehold:
                    batch.Refuse(line, LoanColumns.HouseholdNumber,
                        $"贷款编号「{saved.Previous!.Loan.LoanNumber}」在台账中属于户编号「{saved.Previous.Loan.HouseholdNumber}」，与本行不符，本行未导入；请与承贷银行核实");
                    continue;
                case LoanSaveKind.Unchanged:
                    unchanged++;
                    break;
                case LoanSaveKind.Added:
                    imported++;
                    break;
                case LoanSaveKind.Revised:
                    var changes = LoanRevision.Describe(saved.Previous!.Loan, saved.Current.Loan);
                    revisions.Add(new LoanFlagLine(line, loan.LoanNumber, $"已按本次台账更新：{changes}"));
                    await audit.AppendAsync(new AuditEntry(AuditSubject(places.Code), saved.Current.Loan.LoanNumber, "revise", by, "County", changes, now), cancellationToken)
                        .ConfigureAwait(false);
                    break;
            }

            if (saved.Kind is LoanSaveKind.Added || (saved.Kind is LoanSaveKind.Revised && saved.Previous!.Loan.DueDate != saved.Current.Loan.DueDate))
            {
                immediate.AddRange(rules.Notices.Where(n => LoanNotices.IsLate(saved.Current, n))
                    .Select(n => new LoanFlagLine(line, loan.LoanNumber, $"距到期已不足{n.DaysBeforeDue}天：{n.Title}即时发出")));
            }

            await StartNoticesAsync(saved.Current, cancellationToken).ConfigureAwait(false);
        }

        // Flagged() holds only the rows kept: those refused above (not on the register, another household's number) are out.
        var flags = batch.Flagged()
            .Select(f => new LoanFlagLine(f.Line, f.Loan.LoanNumber, string.Join("；", f.Flags.Select(x => LoanExcessText.Of(x, rules)))))
            .ToList();
        var report = new LoanImportReport(sheet.Format, batch.RowCount, imported, unchanged, batch.Errors, flags, immediate, revisions);
        await audit.AppendAsync(new AuditEntry(AuditSubject(places.Code), "import", "import", by, "County",
            $"{fileName}：共 {report.Rows} 行，新登记 {imported} 笔，更新 {revisions.Count} 笔，未变 {unchanged} 笔，有误 {report.Errors.Select(e => e.Line).Distinct().Count()} 行", now),
            cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Loan ledger of county {County}: {Rows} rows, {Imported} loans added, {Revised} revised, {Refused} errors",
            places.Code, batch.RowCount, imported, revisions.Count, batch.Errors.Count);
        return report;
    }

    /// <summary>
    /// Starts the notices of the loan's due date unless they were started before: a crash between the row and the start
    /// is mended by importing again.
    /// </summary>
    private async Task StartNoticesAsync(LoanRecord record, CancellationToken cancellationToken)
    {
        var instanceId = LoanInstances.Maturity(record);
        if (await client.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(LoanMaturityOrchestrator.Name, new LoanInput(record.CountyCode, record.Loan.LoanNumber, record.Loan.DueDate),
                new StartOrchestrationOptions(instanceId), cancellationToken).ConfigureAwait(false);
        }
        catch (global::DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException)
        {
            // Imported twice at once: the other import started it.
        }
    }
}
