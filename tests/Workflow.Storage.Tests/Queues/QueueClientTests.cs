using System.Text;
using Azure;
using Workflow.Storage.Queues;
using Xunit;

namespace Workflow.Storage.Tests.Queues;

[Collection(AzuriteCollection.Name)]
public sealed class QueueClientTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private QueueClient _queue = null!;

    public async Task InitializeAsync()
    {
        _queue = new QueueClient(azurite.ConnectionString, AzuriteFixture.UniqueName("work"));
        await _queue.CreateIfNotExistsAsync();
    }

    public async Task DisposeAsync() => await _queue.DeleteAsync();

    [Theory]
    [InlineData(QueueMessageEncoding.Base64)]
    [InlineData(QueueMessageEncoding.None)]
    public async Task Chinese_text_round_trips_in_either_encoding(QueueMessageEncoding encoding)
    {
        const string text = "脱贫退出审批 <县级复核> & \"乡镇\" 'ok' 🚜";
        var queue = new QueueClient(azurite.ConnectionString, _queue.Name, new StorageClientOptions { MessageEncoding = encoding });

        var sent = await queue.SendMessageAsync(text);
        var peeked = (await queue.PeekMessagesAsync()).Value.Single();
        var received = (await queue.ReceiveMessagesAsync()).Value.Single();

        Assert.Equal(sent.Value.MessageId, received.MessageId);
        Assert.Equal(text, peeked.MessageText);
        Assert.Equal(text, received.MessageText);
    }

    [Fact]
    public async Task Any_bytes_round_trip_with_base64()
    {
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        await _queue.SendMessageAsync(BinaryData.FromBytes(bytes));
        var received = (await _queue.ReceiveMessagesAsync()).Value.Single();

        Assert.Equal(bytes, received.Body.ToArray());
    }

    [Fact]
    public async Task Send_returns_id_receipt_and_times()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);

        var receipt = (await _queue.SendMessageAsync("x", visibilityTimeout: TimeSpan.FromSeconds(30))).Value;

        Assert.NotEmpty(receipt.MessageId);
        Assert.NotEmpty(receipt.PopReceipt);
        Assert.InRange(receipt.InsertionTime, before, DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.Equal(30, (receipt.TimeNextVisible - receipt.InsertionTime).TotalSeconds, tolerance: 1);
        Assert.Equal(7, (receipt.ExpirationTime - receipt.InsertionTime).TotalDays, tolerance: 0.001);
    }

    [Fact]
    public async Task Delayed_message_is_invisible_until_its_visibility_timeout()
    {
        await _queue.SendMessageAsync("later", visibilityTimeout: TimeSpan.FromSeconds(2));

        var early = (await _queue.ReceiveMessagesAsync()).Value;
        await Task.Delay(TimeSpan.FromSeconds(3));
        var late = (await _queue.ReceiveMessagesAsync()).Value;

        Assert.Empty(early);
        Assert.Equal("later", Assert.Single(late).MessageText);
    }

    [Fact]
    public async Task Message_not_deleted_is_redelivered_after_its_visibility_timeout()
    {
        await _queue.SendMessageAsync("retry me");

        var first = (await _queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromSeconds(1))).Value.Single();
        var hidden = (await _queue.ReceiveMessagesAsync()).Value;
        await Task.Delay(TimeSpan.FromSeconds(2));
        var second = (await _queue.ReceiveMessagesAsync()).Value.Single();

        Assert.Empty(hidden);
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(1, first.DequeueCount);
        Assert.Equal(2, second.DequeueCount);
        Assert.NotEqual(first.PopReceipt, second.PopReceipt);
    }

    [Fact]
    public async Task Update_returns_a_new_receipt_that_deletes_while_the_old_one_is_refused()
    {
        await _queue.SendMessageAsync("step 1");
        var received = (await _queue.ReceiveMessagesAsync()).Value.Single();

        var updated = (await _queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, "step 2", TimeSpan.FromSeconds(30))).Value;
        var stale = await Assert.ThrowsAsync<RequestFailedException>(() => _queue.DeleteMessageAsync(received.MessageId, received.PopReceipt));
        await _queue.DeleteMessageAsync(received.MessageId, updated.PopReceipt);

        Assert.NotEqual(received.PopReceipt, updated.PopReceipt);
        Assert.Equal(400, stale.Status);
        Assert.Equal("PopReceiptMismatch", stale.ErrorCode);
        Assert.Equal(0, (await _queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task Update_replaces_the_body_and_can_keep_it()
    {
        await _queue.SendMessageAsync("待审核");
        var received = (await _queue.ReceiveMessagesAsync()).Value.Single();

        var changed = (await _queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, "已审核")).Value;
        var afterChange = (await _queue.ReceiveMessagesAsync()).Value.Single();
        await _queue.UpdateMessageAsync(afterChange.MessageId, afterChange.PopReceipt, visibilityTimeout: TimeSpan.Zero);
        var unchanged = (await _queue.PeekMessagesAsync()).Value.Single();

        Assert.True(changed.NextVisibleOn <= DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.Equal("已审核", afterChange.MessageText);
        Assert.Equal("已审核", unchanged.MessageText);
    }

    [Fact]
    public async Task Peek_does_not_dequeue()
    {
        foreach (var i in Enumerable.Range(0, 3))
        {
            await _queue.SendMessageAsync($"m{i}");
        }

        var peeked = (await _queue.PeekMessagesAsync(32)).Value;
        var peekedAgain = (await _queue.PeekMessagesAsync(32)).Value;
        var received = (await _queue.ReceiveMessagesAsync(32)).Value;

        Assert.Equal(["m0", "m1", "m2"], peeked.Select(m => m.MessageText));
        Assert.All(peeked.Concat(peekedAgain), m => Assert.Equal(0, m.DequeueCount));
        Assert.Equal(3, peekedAgain.Length);
        Assert.Equal(3, received.Length);
        Assert.All(received, m => Assert.Equal(1, m.DequeueCount));
    }

    [Fact]
    public async Task Receive_takes_at_most_32_and_the_count_is_approximately_right()
    {
        foreach (var i in Enumerable.Range(0, 40))
        {
            await _queue.SendMessageAsync(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var count = (await _queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        var batch = (await _queue.ReceiveMessagesAsync(maxMessages: 32)).Value;

        Assert.Equal(40, count);
        Assert.Equal(32, batch.Length);
        Assert.Equal(32, batch.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task Message_with_never_expire_ttl_expires_in_year_9999()
    {
        var sent = (await _queue.SendMessageAsync("forever", timeToLive: QueueClient.MessageNeverExpires)).Value;
        var received = (await _queue.ReceiveMessagesAsync()).Value.Single();

        Assert.Equal(9999, sent.ExpirationTime.Year);
        Assert.Equal(9999, received.ExpiresOn!.Value.Year);
    }

    [Fact]
    public async Task Message_with_a_short_ttl_expires()
    {
        await _queue.SendMessageAsync("brief", timeToLive: TimeSpan.FromSeconds(1));
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Empty((await _queue.PeekMessagesAsync()).Value);
    }

    [Fact]
    public async Task Message_of_exactly_64_KiB_after_encoding_is_accepted()
    {
        var bytes = new byte[48 * 1024]; // base64 of 48 KiB is exactly 64 KiB of text
        Random.Shared.NextBytes(bytes);

        await _queue.SendMessageAsync(BinaryData.FromBytes(bytes));
        var received = (await _queue.ReceiveMessagesAsync()).Value.Single();

        Assert.Equal(bytes, received.Body.ToArray());
    }

    [Fact]
    public async Task Create_is_idempotent()
    {
        var again = await _queue.CreateIfNotExistsAsync();

        Assert.Equal(204, again.Status);
    }

    [Fact]
    public async Task Client_made_from_a_uri_and_key_reaches_the_same_queue()
    {
        var byUri = new QueueClient(_queue.Uri, azurite.Account.Credential);
        await _queue.SendMessageAsync("via connection string");

        var received = (await byUri.ReceiveMessagesAsync()).Value.Single();

        Assert.Equal(_queue.Name, byUri.Name);
        Assert.Equal("via connection string", received.MessageText);
    }

    [Fact]
    public async Task Unencoded_message_read_as_base64_names_the_message()
    {
        var plain = new QueueClient(azurite.ConnectionString, _queue.Name, new StorageClientOptions { MessageEncoding = QueueMessageEncoding.None });
        var sent = (await plain.SendMessageAsync("不是base64!")).Value;

        var error = await Assert.ThrowsAsync<FormatException>(() => _queue.PeekMessagesAsync());

        Assert.Contains(sent.MessageId, error.Message, StringComparison.Ordinal);
        Assert.Equal("不是base64!", Encoding.UTF8.GetString((await plain.PeekMessagesAsync()).Value.Single().Body));
    }
}
