using Workflow.Storage.Queues;
using Xunit;

namespace Workflow.Storage.Tests.Queues;

/// <summary>
/// Each rule fails with an ArgumentException before any request: the client points at a closed port with no
/// retries, so a request that was sent would surface as a RequestFailedException instead.
/// </summary>
public sealed class QueueBadInputTests
{
    private static readonly string Offline = StorageConnectionString.ForAzurite(1, 1, 1);

    private readonly QueueClient _queue = Client(QueueMessageEncoding.Base64);

    [Theory]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("Work")]
    [InlineData("work--items")]
    [InlineData("-work")]
    [InlineData("work-")]
    [InlineData("work_items")]
    [InlineData("队列")]
    [InlineData("a123456789b123456789c123456789d123456789e123456789f123456789xyzw")]
    public void Invalid_queue_names_are_refused(string name)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new QueueClient(Offline, name));

        Assert.Contains("queue name", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    [InlineData(-1)]
    public async Task Receiving_or_peeking_other_than_1_to_32_messages_is_refused(int count)
    {
        var receive = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _queue.ReceiveMessagesAsync(count));
        var peek = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _queue.PeekMessagesAsync(count));

        Assert.Contains("1 to 32 messages", receive.Message, StringComparison.Ordinal);
        Assert.Contains("1 to 32 messages", peek.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(7 * 86400 + 1)]
    public async Task Send_visibility_must_be_0_to_7_days(int seconds)
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _queue.SendMessageAsync("x", TimeSpan.FromSeconds(seconds)));

        Assert.Contains("0 seconds to 7 days", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0.5)]
    [InlineData(7 * 86400 + 1)]
    public async Task Receive_visibility_must_be_1_second_to_7_days(double seconds)
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromSeconds(seconds)));

        Assert.Contains("1 seconds to 7 days", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(8 * 86400)]
    public async Task Update_visibility_must_be_0_to_7_days(int seconds)
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            _queue.UpdateMessageAsync("id", "receipt", "x", TimeSpan.FromSeconds(seconds)));

        Assert.Contains("0 seconds to 7 days", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0.5)]
    [InlineData(-2)]
    [InlineData(-0.5)]
    public async Task Time_to_live_must_be_at_least_a_second_or_never_expire(double seconds)
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _queue.SendMessageAsync("x", timeToLive: TimeSpan.FromSeconds(seconds)));

        Assert.Contains("MessageNeverExpires", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Time_to_live_must_exceed_the_visibility_timeout()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            _queue.SendMessageAsync("x", visibilityTimeout: TimeSpan.FromMinutes(10), timeToLive: TimeSpan.FromMinutes(10)));

        Assert.Contains("longer than the visibility timeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_over_64_KiB_after_base64_is_refused()
    {
        var bytes = new byte[(48 * 1024) + 1];

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _queue.SendMessageAsync(BinaryData.FromBytes(bytes)));

        Assert.Contains("65540 bytes after Base64 encoding", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 65536 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chinese_text_is_measured_in_utf8_bytes_not_characters()
    {
        var queue = Client(QueueMessageEncoding.None);
        var text = new string('审', 21846); // 21,846 characters, 65,538 UTF-8 bytes

        var error = await Assert.ThrowsAsync<ArgumentException>(() => queue.SendMessageAsync(text));

        Assert.Contains("65538 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_with_a_message_over_64_KiB_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            _queue.UpdateMessageAsync("id", "receipt", new string('x', 49_153)));

        Assert.Contains("at most 65536 bytes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bell\u0007")]
    [InlineData("nul\0")]
    public async Task Unencoded_text_with_characters_xml_forbids_is_refused(string text)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Client(QueueMessageEncoding.None).SendMessageAsync(text));

        Assert.Contains("use Base64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unencoded_bytes_that_are_not_utf8_are_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            Client(QueueMessageEncoding.None).SendMessageAsync(BinaryData.FromBytes([0xff, 0xfe, 0x00])));

        Assert.Contains("valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "receipt")]
    [InlineData("id", "")]
    public async Task Delete_and_update_need_a_message_id_and_pop_receipt(string id, string receipt)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _queue.DeleteMessageAsync(id, receipt));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _queue.UpdateMessageAsync(id, receipt, "x"));
    }

    [Theory]
    [InlineData("https://account.queue.core.windows.net/work", "account", "work")]
    [InlineData("http://127.0.0.1:10001/devstoreaccount1/work", "devstoreaccount1", "work")]
    public void Queue_url_gives_account_and_queue_in_either_url_style(string url, string account, string queue)
    {
        var key = new StorageSharedKeyCredential(account, Convert.ToBase64String(new byte[32]));

        var client = new QueueClient(new Uri(url), key);

        Assert.Equal(account, client.AccountName);
        Assert.Equal(queue, client.Name);
        Assert.Equal(new Uri(url), client.Uri);
    }

    private static QueueClient Client(QueueMessageEncoding encoding)
    {
        var options = new StorageClientOptions { MessageEncoding = encoding };
        options.Retry.MaxRetries = 0;
        return new QueueClient(Offline, "work", options);
    }
}
