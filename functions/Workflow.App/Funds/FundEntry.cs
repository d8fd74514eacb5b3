using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflow.Domain.Funds;
using Workflow.App.Audit;
using Workflow.App.Funds.Orchestration;
using Workflow.App.Register;

namespace Workflow.App.Funds;

/// <summary>
/// Enters an allocation the county made (API or console form): checked against the county's directory, stored once,
/// audited, and its disbursement workflow started under the allocation's id (a repeated entry starts nothing).
/// </summary>
public sealed class FundEntry(CountyDirectory counties, FundStore funds, AuditLog audit, DurableTaskClient client, TimeProvider time)
{
    public async Task<FundEntryOutcome> EnterAsync(string countyCode, FundAllocationForm form, string enteredBy, CancellationToken cancellationToken)
    {
        var places = await counties.FindPlacesAsync(countyCode, cancellationToken).ConfigureAwait(false);
        if (places is null)
        {
            return new FundEntryOutcome(null, false, [$"没有代码为「{countyCode}」的县（市、区）。"]);
        }

        var (allocation, problems) = FundAllocationEntry.Read(form, places);
        if (allocation is null)
        {
            return new FundEntryOutcome(null, false, problems);
        }

        var created = await funds.TryAddAsync(allocation, cancellationToken).ConfigureAwait(false);
        if (created)
        {
            await audit.AppendOnceAsync(new AuditEntry(allocation.AllocationId, "allocation", "allocate", enteredBy, "County",
                $"{allocation.Township}：{allocation.Source} {PaymentCheck.Yuan(allocation.Amount)} 元（{allocation.DocumentNumber}，{Pages.Shown.Date(allocation.AllocatedOn)}）",
                time.GetUtcNow()), "allocate", cancellationToken).ConfigureAwait(false);
        }

        // Started on every entry that finds no instance: a crash between the row and the start is mended by entering it again.
        if (await client.GetInstanceAsync(allocation.AllocationId, cancellationToken).ConfigureAwait(false) is null)
        {
            try
            {
                await client.ScheduleNewOrchestrationInstanceAsync(FundDisbursementOrchestrator.Name, new AllocationInput(allocation.AllocationId),
                    new StartOrchestrationOptions(allocation.AllocationId), cancellationToken).ConfigureAwait(false);
            }
            catch (global::DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException)
            {
                // Entered twice at once: the other entry started it.
            }
        }

        return new FundEntryOutcome(allocation, created, []);
    }
}

/// <summary>The allocation entered (new when <see cref="Created"/>), or the zh-CN problems that kept it out.</summary>
public sealed record FundEntryOutcome(FundAllocation? Allocation, bool Created, IReadOnlyList<string> Problems);
