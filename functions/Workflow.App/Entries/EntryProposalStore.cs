using System.Text.Json;
using Azure.Data.Tables;
using Workflow.App.Storage;

namespace Workflow.App.Entries;

/// <summary>The proposed households of 新识别 cases: one row per case (PartitionKey the county, RowKey the case id).</summary>
public sealed class EntryProposalStore(TableServiceClient tables)
{
    private readonly TableClient Proposals = tables.Table("entryProposals");

    public Task InitializeAsync(CancellationToken cancellationToken) => Proposals.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Keeps the proposal; writing the same case again replaces it with the same content.</summary>
    public Task SaveAsync(string countyCode, string caseId, EntryProposal proposal, CancellationToken cancellationToken) =>
        Proposals.UpsertCheckedAsync(new TableEntity(countyCode, caseId) { ["Proposal"] = JsonSerializer.Serialize(proposal) }, TableUpdateMode.Replace, cancellationToken);

    public async Task<EntryProposal> ReadRequiredAsync(string countyCode, string caseId, CancellationToken cancellationToken)
    {
        var row = await Proposals.GetEntityAsync<TableEntity>(countyCode, caseId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize<EntryProposal>(row.Value.GetString("Proposal")!)!;
    }
}
