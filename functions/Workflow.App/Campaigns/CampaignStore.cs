using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Workflow.App.Storage;

namespace Workflow.App.Campaigns;

/// <summary>
/// A campaign year's tracked tasks, progress reports and history, each table partitioned by county and year so a
/// board or task list is one partition query. Every write is an insert under a deterministic key, so activities and
/// retried requests write once.
/// </summary>
public sealed class CampaignStore(TableServiceClient tables)
{
    public const string TasksTable = "campaignTasks";
    public const string ReportsTable = "campaignReports";
    public const string TimelineTable = "campaignTimeline";

    private readonly TableClient Tasks = tables.Table(TasksTable);

    private readonly TableClient Reports = tables.Table(ReportsTable);

    private readonly TableClient Timeline = tables.Table(TimelineTable);

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await Tasks.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await Reports.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await Timeline.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records the task as open; false when it was opened before (the first opening stands).</summary>
    public Task<bool> OpenTaskAsync(string countyCode, int year, TrackedTask task, CancellationToken cancellationToken) =>
        TryAddAsync(Tasks, new TableEntity(CampaignKeys.Partition(countyCode, year), task.TaskId)
        {
            ["Index"] = task.Index,
            ["Number"] = task.Number,
            ["Title"] = task.Title,
            ["PhaseKey"] = task.PhaseKey,
            ["LeadUnits"] = JsonSerializer.Serialize(task.LeadUnits),
            ["Deadline"] = task.Deadline,
            ["OpenedOn"] = task.OpenedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }, cancellationToken);

    public async Task<IReadOnlyList<TrackedTask>> ListTasksAsync(string countyCode, int year, CancellationToken cancellationToken)
    {
        var tasks = new List<TrackedTask>();
        await foreach (var row in Tasks.QueryAsync<TableEntity>(PartitionFilter(countyCode, year), cancellationToken: cancellationToken)
                           .ConfigureAwait(false))
        {
            tasks.Add(ReadTask(row));
        }

        return tasks.OrderBy(t => t.Index).ToList();
    }

    public async Task<TrackedTask?> GetTaskAsync(string countyCode, int year, string taskId, CancellationToken cancellationToken)
    {
        var row = await Tasks.GetEntityIfExistsAsync<TableEntity>(CampaignKeys.Partition(countyCode, year), TableRules.Key(taskId, nameof(taskId)), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return row.HasValue ? ReadTask(row.Value!) : null;
    }

    /// <summary>Keeps a report under its id (the link's id); false when it was kept before.</summary>
    public Task<bool> AddReportAsync(string countyCode, int year, TaskReport report, CancellationToken cancellationToken) =>
        TryAddAsync(Reports, new TableEntity(CampaignKeys.Partition(countyCode, year), $"{report.TaskId}-{TableRules.Key(report.ReportId, nameof(report.ReportId))}")
        {
            ["TaskId"] = report.TaskId,
            ["ReportId"] = report.ReportId,
            ["Unit"] = report.Unit,
            ["Reporter"] = report.Reporter,
            ["Progress"] = report.Progress,
            ["Completed"] = report.Completed,
            ["At"] = report.At,
            ["DueKey"] = report.DueKey,
        }, cancellationToken);

    /// <summary>Every report of the campaign, oldest first.</summary>
    public async Task<IReadOnlyList<TaskReport>> ListReportsAsync(string countyCode, int year, CancellationToken cancellationToken)
    {
        var reports = new List<TaskReport>();
        await foreach (var row in Reports.QueryAsync<TableEntity>(PartitionFilter(countyCode, year), cancellationToken: cancellationToken)
                           .ConfigureAwait(false))
        {
            reports.Add(new TaskReport(row.GetString("TaskId")!, row.GetString("ReportId")!, row.GetString("Unit")!, row.GetString("Reporter")!,
                row.GetString("Progress")!, row.GetBoolean("Completed") ?? false, row.GetDateTimeOffset("At")!.Value, row.GetString("DueKey")!));
        }

        return reports.OrderBy(r => r.At).ToList();
    }

    /// <summary>Appends a history line; a line with the same time, order and key is written once.</summary>
    public Task<bool> AppendTimelineAsync(string countyCode, int year, CampaignTimelineEntry entry, CancellationToken cancellationToken) =>
        TryAddAsync(Timeline, new TableEntity(CampaignKeys.Partition(countyCode, year),
            string.Create(CultureInfo.InvariantCulture, $"{entry.At.UtcTicks:D19}-{entry.Order:D3}-{TableRules.Key(entry.Key, nameof(entry.Key))}"))
        {
            ["At"] = entry.At,
            ["Order"] = entry.Order,
            ["Key"] = entry.Key,
            ["Kind"] = entry.Kind,
            ["Phase"] = entry.Phase,
            ["Text"] = entry.Text,
            ["Actor"] = entry.Actor,
            ["Version"] = entry.Version,
            ["Reason"] = entry.Reason,
            ["Blockers"] = entry.Blockers,
        }, cancellationToken);

    /// <summary>The campaign's history, oldest first.</summary>
    public async Task<IReadOnlyList<CampaignTimelineEntry>> ReadTimelineAsync(string countyCode, int year, CancellationToken cancellationToken)
    {
        var entries = new List<CampaignTimelineEntry>();
        await foreach (var row in Timeline.QueryAsync<TableEntity>(PartitionFilter(countyCode, year), cancellationToken: cancellationToken)
                           .ConfigureAwait(false))
        {
            entries.Add(new CampaignTimelineEntry(row.GetDateTimeOffset("At")!.Value, row.GetInt32("Order") ?? 0, row.GetString("Key")!, row.GetString("Kind")!,
                row.GetString("Phase"), row.GetString("Text")!, row.GetString("Actor"), row.GetString("Version"), row.GetString("Reason"), row.GetInt32("Blockers")));
        }

        return entries;
    }

    /// <summary>The years the county has campaign history in (a campaign writes its first line when its first phase is entered).</summary>
    public async Task<IReadOnlyList<int>> ListYearsAsync(string countyCode, CancellationToken cancellationToken)
    {
        var prefix = countyCode + "-";
        var years = new SortedSet<int>();
        try
        {
            // Partitions are {county}-{year}: the range [county-, county.) holds exactly this county's ('.' follows '-').
            var filter = TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {countyCode + "."}");
            await foreach (var row in Timeline.QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (int.TryParse(row.PartitionKey.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
                {
                    years.Add(year);
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // The table is created as the app starts; before that there is no history.
        }

        return years.ToList();
    }

    private static string PartitionFilter(string countyCode, int year) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {CampaignKeys.Partition(countyCode, year)}");

    private static TrackedTask ReadTask(TableEntity row) => new(
        row.RowKey,
        row.GetInt32("Index") ?? 0,
        row.GetString("Number")!,
        row.GetString("Title")!,
        row.GetString("PhaseKey"),
        JsonSerializer.Deserialize<List<string>>(row.GetString("LeadUnits")!)!,
        row.GetString("Deadline")!,
        DateOnly.ParseExact(row.GetString("OpenedOn")!, "yyyy-MM-dd", CultureInfo.InvariantCulture));

    private static async Task<bool> TryAddAsync(TableClient table, TableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddCheckedAsync(row, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }
}
