using Workflow.Storage;
using Workflow.Storage.Tables;

namespace Workflow.Functions.Notifications;

/// <summary>
/// The local inbox: every message as it would have reached a phone, listed on /inbox so a person trying the
/// system can click through a whole procedure. Keyed by message id, so a repeat delivery keeps one entry.
/// </summary>
public sealed class InboxChannel(StorageAccount account) : INotificationChannel
{
    private const string TableName = "inbox";
    private const string Partition = "inbox";

    public string Name => "inbox";

    private TableClient Table => account.GetTableClient(TableName);

    public async Task SendAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        await Table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        var row = new TableEntity(Partition, $"{DateTimeOffset.MaxValue.UtcTicks - message.CreatedAt.UtcTicks:D19}-{message.Id}")
        {
            ["Id"] = message.Id,
            ["Kind"] = message.Kind,
            ["Subject"] = message.Subject,
            ["Recipient"] = message.Recipient,
            ["Title"] = message.Title,
            ["Text"] = message.Text,
            ["CreatedAt"] = message.CreatedAt,
        };
        if (message.Link is not null)
        {
            row["Link"] = message.Link.ToString();
        }

        await Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The newest messages first, optionally for one recipient.</summary>
    public async Task<IReadOnlyList<NotificationMessage>> ReadAsync(string? recipient, int max, CancellationToken cancellationToken)
    {
        await Table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableFilter.Equal("PartitionKey", Partition);
        if (!string.IsNullOrEmpty(recipient))
        {
            filter = filter.And(TableFilter.Equal("Recipient", recipient));
        }

        var messages = new List<NotificationMessage>();
        await foreach (var row in Table.QueryAsync(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            messages.Add(new NotificationMessage(row.GetString("Id")!, row.GetString("Kind")!, row.GetString("Subject")!, row.GetString("Recipient")!,
                row.GetString("Title")!, row.GetString("Text")!, row.GetString("Link") is { } link ? new Uri(link) : null, row.GetDateTimeOffset("CreatedAt")!.Value));
            if (messages.Count == max)
            {
                break;
            }
        }

        return messages;
    }
}
