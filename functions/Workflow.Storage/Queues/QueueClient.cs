using System.Globalization;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Workflow.Storage.Queues.Models;

namespace Workflow.Storage.Queues;

/// <summary>
/// One storage queue, shaped like Azure.Storage.Queues' <c>QueueClient</c> so that package can replace it.
/// Names, counts and time spans are checked before any request is sent.
/// </summary>
public class QueueClient
{
    /// <summary>Pass as <c>timeToLive</c> for a message that never expires.</summary>
    public static readonly TimeSpan MessageNeverExpires = TimeSpan.FromSeconds(-1);

    private const int MaximumMessageCount = 32;
    private static readonly TimeSpan MaximumVisibilityTimeout = TimeSpan.FromDays(7);

    private readonly StoragePipeline _pipeline = null!;
    private readonly QueueMessageEncoding _encoding;

    /// <exception cref="FormatException">The connection string is malformed.</exception>
    /// <exception cref="ArgumentException">The queue name breaks the naming rules.</exception>
    public QueueClient(string connectionString, string queueName, StorageClientOptions? options = null)
        : this(Pipeline(StorageConnectionString.Parse(connectionString), options), queueName, options)
    {
    }

    /// <param name="queueUri">e.g. <c>https://account.queue.core.windows.net/work</c>.</param>
    public QueueClient(Uri queueUri, StorageSharedKeyCredential credential, StorageClientOptions? options = null)
        : this(StorageResourceUri.Split(queueUri, nameof(queueUri)), credential, options)
    {
    }

    /// <summary>Entra ID (e.g. managed identity) on Azure.</summary>
    public QueueClient(Uri queueUri, TokenCredential credential, StorageClientOptions? options = null)
        : this(StorageResourceUri.Split(queueUri, nameof(queueUri)), credential, options)
    {
    }

    /// <summary>For mocking.</summary>
    protected QueueClient()
    {
        Name = string.Empty;
    }

    private QueueClient((Uri Endpoint, string Name) queue, StorageSharedKeyCredential credential, StorageClientOptions? options)
        : this(new StoragePipeline(StorageService.Queue, queue.Endpoint, credential, options), queue.Name, options)
    {
    }

    private QueueClient((Uri Endpoint, string Name) queue, TokenCredential credential, StorageClientOptions? options)
        : this(new StoragePipeline(StorageService.Queue, queue.Endpoint, credential, options), queue.Name, options)
    {
    }

    private QueueClient(StoragePipeline pipeline, string queueName, StorageClientOptions? options)
    {
        Name = StorageNames.ValidateQueueName(queueName);
        _pipeline = pipeline;
        _encoding = options?.MessageEncoding ?? QueueMessageEncoding.Base64;
    }

    public virtual string Name { get; }

    public virtual string AccountName => _pipeline.AccountName;

    public virtual Uri Uri => new($"{_pipeline.Endpoint.AbsoluteUri.TrimEnd('/')}/{Name}");

    /// <summary>The most messages one receive or peek returns.</summary>
    public virtual int MaxPeekableMessages => MaximumMessageCount;

    /// <summary>The largest message text, after encoding, the service stores.</summary>
    public virtual int MessageMaxBytes => QueueMessageCodec.MessageMaxBytes;

    /// <summary>Creates the queue; 201 when created, 204 when it already existed.</summary>
    public virtual async Task<Response> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Put, Name);
        return await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the queue and every message in it.</summary>
    public virtual async Task<Response> DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, Name);
        return await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The queue's metadata and approximate message count.</summary>
    public virtual async Task<Response<QueueProperties>> GetPropertiesAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Get, Name);
        message.Request.Uri.AppendQuery("comp", "metadata");
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var properties = new QueueProperties
        {
            ApproximateMessagesCount = response.Headers.TryGetValue("x-ms-approximate-messages-count", out var count)
                ? int.Parse(count, CultureInfo.InvariantCulture)
                : 0,
            Metadata = response.Headers
                .Where(h => h.Name.StartsWith("x-ms-meta-", StringComparison.OrdinalIgnoreCase))
                .ToDictionary(h => h.Name["x-ms-meta-".Length..], h => h.Value, StringComparer.OrdinalIgnoreCase),
        };
        return Response.FromValue(properties, response);
    }

    /// <inheritdoc cref="SendMessageAsync(BinaryData, TimeSpan?, TimeSpan?, CancellationToken)"/>
    public virtual Task<Response<SendReceipt>> SendMessageAsync(
        string messageText, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        return SendMessageAsync(BinaryData.FromString(messageText), visibilityTimeout, timeToLive, cancellationToken);
    }

    /// <summary>Adds a message to the back of the queue.</summary>
    /// <param name="message">At most 64 KiB once encoded (about 48 KiB of bytes with Base64).</param>
    /// <param name="visibilityTimeout">Delay before the message can be received: 0 to 7 days, whole seconds. Default 0.</param>
    /// <param name="timeToLive">
    /// How long the message lives: at least 1 second and longer than <paramref name="visibilityTimeout"/>, or
    /// <see cref="MessageNeverExpires"/>. Default 7 days.
    /// </param>
    /// <exception cref="ArgumentException">Any of the above rules is broken.</exception>
    public virtual async Task<Response<SendReceipt>> SendMessageAsync(
        BinaryData message, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var envelope = QueueMessageCodec.Envelope(message, _encoding, nameof(message));
        var visibilitySeconds = visibilityTimeout is { } visibility
            ? VisibilitySeconds(visibility, TimeSpan.Zero, nameof(visibilityTimeout))
            : (int?)null;
        var ttlSeconds = timeToLive is { } ttl ? TimeToLiveSeconds(ttl, visibilitySeconds ?? 0) : (int?)null;

        using var request = _pipeline.CreateMessage(RequestMethod.Post, $"{Name}/messages", escape: false);
        if (visibilitySeconds is { } seconds)
        {
            request.Request.Uri.AppendQuery("visibilitytimeout", seconds.ToString(CultureInfo.InvariantCulture));
        }

        if (ttlSeconds is { } ttlValue)
        {
            request.Request.Uri.AppendQuery("messagettl", ttlValue.ToString(CultureInfo.InvariantCulture));
        }

        request.Request.Content = RequestContent.Create(envelope);
        var response = await _pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var sent = Messages(response).Single();
        var receipt = new SendReceipt
        {
            MessageId = sent.Element("MessageId")!.Value,
            PopReceipt = sent.Element("PopReceipt")!.Value,
            InsertionTime = Date(sent, "InsertionTime") ?? default,
            ExpirationTime = Date(sent, "ExpirationTime") ?? default,
            TimeNextVisible = Date(sent, "TimeNextVisible") ?? default,
        };
        return Response.FromValue(receipt, response);
    }

    /// <summary>Takes up to <paramref name="maxMessages"/> messages, hiding them from other receivers for <paramref name="visibilityTimeout"/>.</summary>
    /// <param name="maxMessages">1 to 32; default 1.</param>
    /// <param name="visibilityTimeout">1 second to 7 days; default 30 seconds.</param>
    /// <exception cref="ArgumentException">Either rule is broken.</exception>
    public virtual async Task<Response<QueueMessage[]>> ReceiveMessagesAsync(
        int? maxMessages = null, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        var count = MessageCount(maxMessages);
        var visibilitySeconds = visibilityTimeout is { } visibility
            ? VisibilitySeconds(visibility, TimeSpan.FromSeconds(1), nameof(visibilityTimeout))
            : (int?)null;

        using var message = _pipeline.CreateMessage(RequestMethod.Get, $"{Name}/messages", escape: false);
        if (count is { } n)
        {
            message.Request.Uri.AppendQuery("numofmessages", n.ToString(CultureInfo.InvariantCulture));
        }

        if (visibilitySeconds is { } seconds)
        {
            message.Request.Uri.AppendQuery("visibilitytimeout", seconds.ToString(CultureInfo.InvariantCulture));
        }

        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var messages = Messages(response).Select(m =>
        {
            var id = m.Element("MessageId")!.Value;
            return new QueueMessage
            {
                MessageId = id,
                PopReceipt = m.Element("PopReceipt")!.Value,
                Body = QueueMessageCodec.Body(id, m.Element("MessageText")?.Value ?? string.Empty, _encoding),
                DequeueCount = long.Parse(m.Element("DequeueCount")!.Value, CultureInfo.InvariantCulture),
                NextVisibleOn = Date(m, "TimeNextVisible"),
                InsertedOn = Date(m, "InsertionTime"),
                ExpiresOn = Date(m, "ExpirationTime"),
            };
        }).ToArray();
        return Response.FromValue(messages, response);
    }

    /// <summary>Looks at up to <paramref name="maxMessages"/> (1 to 32, default 1) messages at the front without receiving them.</summary>
    public virtual async Task<Response<PeekedMessage[]>> PeekMessagesAsync(int? maxMessages = null, CancellationToken cancellationToken = default)
    {
        var count = MessageCount(maxMessages);
        using var message = _pipeline.CreateMessage(RequestMethod.Get, $"{Name}/messages", escape: false);
        message.Request.Uri.AppendQuery("peekonly", "true");
        if (count is { } n)
        {
            message.Request.Uri.AppendQuery("numofmessages", n.ToString(CultureInfo.InvariantCulture));
        }

        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var messages = Messages(response).Select(m =>
        {
            var id = m.Element("MessageId")!.Value;
            return new PeekedMessage
            {
                MessageId = id,
                Body = QueueMessageCodec.Body(id, m.Element("MessageText")?.Value ?? string.Empty, _encoding),
                DequeueCount = long.Parse(m.Element("DequeueCount")!.Value, CultureInfo.InvariantCulture),
                InsertedOn = Date(m, "InsertionTime"),
                ExpiresOn = Date(m, "ExpirationTime"),
            };
        }).ToArray();
        return Response.FromValue(messages, response);
    }

    /// <summary>Deletes a received message; the pop receipt must be the latest one (from receive or update).</summary>
    /// <exception cref="RequestFailedException">400 <c>PopReceiptMismatch</c> when the receipt is stale; 404 when the message is gone.</exception>
    public virtual async Task<Response> DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, MessagePath(messageId), escape: false);
        message.Request.Uri.AppendQuery("popreceipt", RequiredReceipt(popReceipt), escapeValue: true);
        return await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc cref="UpdateMessageAsync(string, string, BinaryData, TimeSpan, CancellationToken)"/>
    /// <param name="messageText">The new body, or null to keep the current one.</param>
    public virtual Task<Response<UpdateReceipt>> UpdateMessageAsync(
        string messageId, string popReceipt, string? messageText = null, TimeSpan visibilityTimeout = default,
        CancellationToken cancellationToken = default) =>
        UpdateMessageCoreAsync(messageId, popReceipt, messageText is null ? null : BinaryData.FromString(messageText), visibilityTimeout, cancellationToken);

    /// <summary>
    /// Replaces a received message's body and makes it visible again after <paramref name="visibilityTimeout"/>
    /// (0 to 7 days). The receipt returned replaces <paramref name="popReceipt"/>, which no longer works.
    /// </summary>
    /// <exception cref="RequestFailedException">400 <c>PopReceiptMismatch</c> when the receipt is stale; 404 when the message is gone.</exception>
    public virtual Task<Response<UpdateReceipt>> UpdateMessageAsync(
        string messageId, string popReceipt, BinaryData message, TimeSpan visibilityTimeout = default,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return UpdateMessageCoreAsync(messageId, popReceipt, message, visibilityTimeout, cancellationToken);
    }

    private async Task<Response<UpdateReceipt>> UpdateMessageCoreAsync(
        string messageId, string popReceipt, BinaryData? body, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        var envelope = body is null ? null : QueueMessageCodec.Envelope(body, _encoding, "message");
        var visibilitySeconds = VisibilitySeconds(visibilityTimeout, TimeSpan.Zero, nameof(visibilityTimeout));

        using var message = _pipeline.CreateMessage(RequestMethod.Put, MessagePath(messageId), escape: false);
        message.Request.Uri.AppendQuery("popreceipt", RequiredReceipt(popReceipt), escapeValue: true);
        message.Request.Uri.AppendQuery("visibilitytimeout", visibilitySeconds.ToString(CultureInfo.InvariantCulture));
        if (envelope is not null)
        {
            message.Request.Content = RequestContent.Create(envelope);
        }

        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var receipt = new UpdateReceipt
        {
            PopReceipt = response.Headers.TryGetValue("x-ms-popreceipt", out var newReceipt)
                ? newReceipt
                : throw new InvalidOperationException("The queue service answered an update without a new pop receipt."),
            NextVisibleOn = response.Headers.TryGetValue("x-ms-time-next-visible", out var visible) ? ParseHttpDate(visible) : default,
        };
        return Response.FromValue(receipt, response);
    }

    private static StoragePipeline Pipeline(StorageConnectionString account, StorageClientOptions? options) =>
        new(StorageService.Queue, account.QueueEndpoint, account.Credential, options);

    private string MessagePath(string messageId)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        return $"{Name}/messages/{Uri.EscapeDataString(messageId)}";
    }

    private static string RequiredReceipt(string popReceipt)
    {
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        return popReceipt;
    }

    private static int? MessageCount(int? maxMessages) =>
        maxMessages is null or (>= 1 and <= MaximumMessageCount)
            ? maxMessages
            : throw new ArgumentOutOfRangeException(
                nameof(maxMessages), maxMessages, $"A receive or peek asks for 1 to {MaximumMessageCount} messages.");

    // The service counts in whole seconds; a fraction is dropped, as Azure.Storage.Queues does.
    private static int VisibilitySeconds(TimeSpan visibility, TimeSpan minimum, string parameterName) =>
        visibility >= minimum && visibility <= MaximumVisibilityTimeout
            ? (int)visibility.TotalSeconds
            : throw new ArgumentOutOfRangeException(
                parameterName, visibility, $"A visibility timeout here is {minimum.TotalSeconds} seconds to 7 days.");

    private static int TimeToLiveSeconds(TimeSpan timeToLive, int visibilitySeconds)
    {
        if (timeToLive == MessageNeverExpires)
        {
            return -1;
        }

        if (timeToLive < TimeSpan.FromSeconds(1) || timeToLive.TotalSeconds > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(
                nameof(timeToLive), timeToLive, $"A time-to-live is 1 second to {int.MaxValue} seconds, or QueueClient.MessageNeverExpires.");
        }

        var seconds = (int)timeToLive.TotalSeconds;
        return seconds > visibilitySeconds
            ? seconds
            : throw new ArgumentOutOfRangeException(
                nameof(timeToLive), timeToLive, "A time-to-live must be longer than the visibility timeout, or the message would expire unseen.");
    }

    private static IEnumerable<XElement> Messages(Response response) =>
        XDocument.Load(response.Content.ToStream()).Root?.Elements("QueueMessage") ?? [];

    private static DateTimeOffset? Date(XElement message, string name) =>
        message.Element(name)?.Value is { Length: > 0 } value ? ParseHttpDate(value) : null;

    private static DateTimeOffset ParseHttpDate(string value) =>
        DateTimeOffset.ParseExact(value, "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
