using Azure.Data.Tables;
using Workflow.App.Storage;

namespace Workflow.App.Notifications;

/// <summary>
/// The local inbox: every message as it would have reached a phone, listed on /inbox so a person trying the
/// system can click through a whole procedure. Each message is kept twice, in the partition of everyone's messages
/// and in its recipient's, so either listing reads one partition from its newest row instead of filtering them all.
/// Keyed by message id, so a repeat delivery keeps one entry.
/// </summary>
public sealed class InboxChannel(TableServiceClient tables) : INotificationChannel
{
    private const string TableName = "inbox";
    private const string Everyone = "all";

    private volatile bool _created;

    public string Name => "inbox";

    private readonly TableClient Table = tables.Table(TableName);

    public async Task SendAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        foreach (var partition in new[] { Everyone, RecipientPartition(message.Recipient) })
        {
            var row = new TableEntity(partition, $"{DateTimeOffset.MaxValue.UtcTicks - message.CreatedAt.UtcTicks:D19}-{message.Id}")
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

            await Table.UpsertCheckedAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The newest messages first, everyone's or one recipient's.</summary>
    public async Task<IReadOnlyList<NotificationMessage>> ReadAsync(string? recipient, int max, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var partition = string.IsNullOrEmpty(recipient) ? Everyone : RecipientPartition(recipient);
        var messages = new List<NotificationMessage>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
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

    // Escaped: a partition key may not hold '/', '\', '#' or '?', and a recipient is free text to this channel.
    private static string RecipientPartition(string recipient) => $"to:{Uri.EscapeDataString(recipient)}";

    /// <summary>Creates the inbox's table once per process (at start, and again by the first use if that failed).</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await Table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            _created = true;
        }
    }
}
