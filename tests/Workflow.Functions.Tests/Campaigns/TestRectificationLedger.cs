using System.Collections.Concurrent;
using Workflow.Domain.Rectification;
using Workflow.Functions.Rectification;

namespace Workflow.Functions.Tests.Campaigns;

/// <summary>
/// A seam, not a ledger: the campaign tests' stand-in for <see cref="IRectificationLedger"/>, whose real implementation
/// (the 整改台账) is built separately. The test enters findings and closes items directly; the campaign only reads.
/// </summary>
internal sealed class TestRectificationLedger : IRectificationLedger
{
    private readonly ConcurrentDictionary<string, UnclosedRectification> _open = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<FindingSource, int> _findings = new();

    public void AddFinding(string itemId, FindingSource source, string description, string unit, DateOnly deadline)
    {
        _findings.AddOrUpdate(source, 1, (_, n) => n + 1);
        _open[itemId] = new UnclosedRectification(itemId, source, description, unit, deadline, "整改中");
    }

    public void Close(string itemId) => _open.TryRemove(itemId, out _);

    public Task<IReadOnlyList<UnclosedRectification>> ListUnclosedAsync(string countyCode, int year, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<UnclosedRectification>>(_open.Values.OrderBy(i => i.Deadline).ThenBy(i => i.ItemId, StringComparer.Ordinal).ToList());

    public Task<int> CountFindingsAsync(string countyCode, int year, FindingSource source, CancellationToken cancellationToken) =>
        Task.FromResult(_findings.GetValueOrDefault(source));
}
