using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using Workflow.Domain.Projects;
using Workflow.App.Storage;

namespace Workflow.App.Projects;

/// <summary>
/// Projects and their quarters in tables: a project row (PartitionKey the county, RowKey the id) holding its progress
/// as JSON, written with its ETag so two decisions of one step cannot both pass; a quarter row (PartitionKey the
/// project, RowKey the quarter, e.g. 2026Q3), added once. The project row also holds the times its workflow set for the
/// step it waits on (<see cref="ProjectStepTimes"/>), merged beside the progress without touching it.
/// </summary>
public sealed class ProjectStore(TableServiceClient tables)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private readonly TableClient _projects = tables.Table("projects");
    private readonly TableClient _quarters = tables.Table("projectQuarters");

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _projects.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await _quarters.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task AddAsync(PovertyProject project, ProjectProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        var row = new TableEntity(project.CountyCode, project.ProjectId)
        {
            ["Project"] = JsonSerializer.Serialize(project, Json),
            ["Progress"] = JsonSerializer.Serialize(progress, Json),
        };
        await _projects.AddCheckedAsync(row, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ProjectRecord?> GetAsync(string projectId, CancellationToken cancellationToken)
    {
        var found = await FindAsync(projectId, cancellationToken).ConfigureAwait(false);
        return found is null ? null : await WithQuartersAsync(found.Value.Row, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ProjectRecord>> ListAsync(string countyCode, CancellationToken cancellationToken)
    {
        var list = new List<ProjectRecord>();
        await foreach (var row in _projects.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {countyCode}"), cancellationToken: cancellationToken)
                           .ConfigureAwait(false))
        {
            list.Add(await WithQuartersAsync(row, cancellationToken).ConfigureAwait(false));
        }

        return list.OrderByDescending(p => p.Flagged).ThenByDescending(p => p.Project.ProposedAt).ToList();
    }

    /// <summary>
    /// Applies a decision to the progress as it is now: the decision's problem when it is refused (nothing written),
    /// or null once written. A concurrent write makes it read again and decide again, so a step is decided once.
    /// </summary>
    public async Task<string?> DecideAsync(string projectId, Func<ProjectProgress, ProjectMove> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        while (true)
        {
            var found = await FindAsync(projectId, cancellationToken).ConfigureAwait(false) ?? throw new KeyNotFoundException(projectId);
            var move = decide(found.Progress);
            if (move.Next is null)
            {
                return move.Problem;
            }

            found.Row["Progress"] = JsonSerializer.Serialize(move.Next, Json);
            try
            {
                await _projects.UpdateCheckedAsync(found.Row, found.Row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return null;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Someone decided meanwhile: read again, and the step decided twice is refused on the next turn.
            }
        }
    }

    /// <summary>
    /// Changes the times of the step waited on in <paramref name="round"/>; nothing when the project has moved past that
    /// round (an activity run late). Merged with the row's ETag, so a decision written meanwhile is read again, not lost.
    /// </summary>
    public async Task<ProjectStepTimes?> UpdateTimesAsync(string projectId, int round, Func<ProjectStepTimes, ProjectStepTimes> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        while (true)
        {
            var found = await FindAsync(projectId, cancellationToken).ConfigureAwait(false) ?? throw new KeyNotFoundException(projectId);
            if (found.Progress.Ended.Count != round)
            {
                return null;
            }

            var times = change(TimesOf(found.Row, round) ?? new ProjectStepTimes(round, null, null, null, false));
            try
            {
                await _projects.UpdateCheckedAsync(new TableEntity(found.Row.PartitionKey, found.Row.RowKey) { ["Times"] = JsonSerializer.Serialize(times, Json) },
                    found.Row.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                return times;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // The row changed meanwhile: read it again, and a round that has passed is left alone.
            }
        }
    }

    /// <summary>Adds a quarter; false when that quarter was recorded before (nothing changed).</summary>
    public async Task<bool> TryAddQuarterAsync(ProjectQuarterRecord quarter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(quarter);
        try
        {
            await _quarters.AddCheckedAsync(new TableEntity(quarter.ProjectId, quarter.Yield.Quarter.ToString()) { ["Quarter"] = JsonSerializer.Serialize(quarter, Json) }, cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    private async Task<(TableEntity Row, ProjectProgress Progress)?> FindAsync(string projectId, CancellationToken cancellationToken)
    {
        if (PovertyProject.CountyOf(projectId) is not { } county)
        {
            return null;
        }

        var row = await _projects.GetEntityIfExistsAsync<TableEntity>(county, TableRules.Key(projectId, nameof(projectId)), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? (row.Value!, JsonSerializer.Deserialize<ProjectProgress>(row.Value!.GetString("Progress"), Json)!) : null;
    }

    private async Task<ProjectRecord> WithQuartersAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var project = JsonSerializer.Deserialize<PovertyProject>(row.GetString("Project"), Json)!;
        var quarters = new List<ProjectQuarterRecord>();
        await foreach (var q in _quarters.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {project.ProjectId}"), cancellationToken: cancellationToken)
                           .ConfigureAwait(false))
        {
            quarters.Add(JsonSerializer.Deserialize<ProjectQuarterRecord>(q.GetString("Quarter"), Json)!);
        }

        var progress = JsonSerializer.Deserialize<ProjectProgress>(row.GetString("Progress"), Json)!;
        return new ProjectRecord(project, progress, quarters, TimesOf(row, progress.Ended.Count));
    }

    private static ProjectStepTimes? TimesOf(TableEntity row, int round) =>
        row.GetString("Times") is { } json && JsonSerializer.Deserialize<ProjectStepTimes>(json, Json) is { } times && times.Round == round ? times : null;
}
