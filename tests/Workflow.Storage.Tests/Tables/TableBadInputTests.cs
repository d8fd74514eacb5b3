using Azure;
using Workflow.Storage.Tables;
using Xunit;

namespace Workflow.Storage.Tests.Tables;

/// <summary>
/// Each rule fails with an ArgumentException naming it before any request: the client points at a port where
/// nothing listens, so a request that slipped out would fail with a RequestFailedException instead.
/// </summary>
public sealed class TableBadInputTests
{
    private static readonly TableClient Table = Unreachable("badinput");

    [Theory]
    [InlineData("ab")]
    [InlineData("1table")]
    [InlineData("has-dash")]
    [InlineData("tables")]
    [InlineData("Tables")]
    [InlineData("建档立卡")]
    public void Invalid_table_names_are_refused(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => Unreachable(name));

        Assert.Contains("table name", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\tb")]
    [InlineData("a\u007fb")]
    [InlineData("a\u0085b")]
    public async Task Keys_with_forbidden_characters_are_refused(string key)
    {
        AssertKeyRule(Assert.Throws<ArgumentException>(() => new TableEntity(key, "r")));
        AssertKeyRule(Assert.Throws<ArgumentException>(() => new TableEntity("p", key)));
        AssertKeyRule(await Assert.ThrowsAsync<ArgumentException>(() => Table.GetEntityAsync(key, "r")));
        AssertKeyRule(await Assert.ThrowsAsync<ArgumentException>(() => Table.GetEntityIfExistsAsync("p", key)));
        AssertKeyRule(await Assert.ThrowsAsync<ArgumentException>(() => Table.DeleteEntityAsync("p", key)));
    }

    [Fact]
    public void A_string_over_32K_characters_or_binary_over_64_KiB_is_refused()
    {
        var entity = new TableEntity("p", "r");

        var text = Assert.Throws<ArgumentException>(() => entity["Text"] = new string('a', 32 * 1024 + 1));
        var bytes = Assert.Throws<ArgumentException>(() => entity.Add("Bytes", new byte[64 * 1024 + 1]));

        Assert.Contains("64 KiB", text.Message, StringComparison.Ordinal);
        Assert.Contains("64 KiB", bytes.Message, StringComparison.Ordinal);
        Assert.Equal(0, entity.Count);
    }

    [Fact]
    public async Task An_entity_over_1_MiB_is_refused()
    {
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < 16; i++)
        {
            entity[$"Text{i}"] = new string('字', 32 * 1024);
        }

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Table.AddEntityAsync(entity));

        Assert.Contains("1 MiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_than_252_properties_are_refused()
    {
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < 253; i++)
        {
            entity[$"P{i}"] = i;
        }

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Table.UpsertEntityAsync(entity));

        Assert.Contains("at most 252", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1abc")]
    [InlineData("has space")]
    [InlineData("a-b")]
    [InlineData("odata.etag")]
    [InlineData("Name@odata.type")]
    public void Property_names_that_are_not_identifiers_are_refused(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => new TableEntity("p", "r") { [name] = 1 });

        Assert.Contains("property name", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PartitionKey")]
    [InlineData("RowKey")]
    [InlineData("Timestamp")]
    public void Reserved_property_names_are_refused(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => new TableEntity("p", "r") { [name] = "x" });

        Assert.Contains("system property", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_of_unsupported_types_and_dates_before_1601_are_refused()
    {
        var entity = new TableEntity("p", "r");

        Assert.Contains("DateTimeOffset", Assert.Throws<ArgumentException>(() => entity["When"] = DateTime.UtcNow).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => entity["Amount"] = 1.5m);
        Assert.Throws<ArgumentException>(() => entity["Small"] = 1.5f);
        Assert.Contains("1601", Assert.Throws<ArgumentException>(() => entity["Old"] = new DateTimeOffset(1600, 12, 31, 0, 0, 0, TimeSpan.Zero)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transactions_over_100_actions_are_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Table.SubmitTransactionAsync(
            Enumerable.Range(0, 101).Select(i => Add("p", $"r{i}"))));

        Assert.Contains("at most 100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transactions_over_4_MiB_are_refused()
    {
        // 80 entities of 30,000 Chinese characters: each far below 1 MiB, together about 7 MiB of UTF-8.
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Table.SubmitTransactionAsync(
            Enumerable.Range(0, 80).Select(i => Add("p", $"r{i}", new string('字', 30_000)))));

        Assert.Contains("4 MiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transactions_over_two_partitions_are_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Table.SubmitTransactionAsync([Add("p", "r1"), Add("p", "r2"), Add("q", "r3")]));

        Assert.Contains("Action 2 is in another partition", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transactions_touching_a_row_twice_are_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Table.SubmitTransactionAsync([
            Add("p", "r1"),
            Add("p", "r2"),
            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity("p", "r1")),
        ]));

        Assert.Contains("Actions 0 and 2 address the same row", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_transactions_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Table.SubmitTransactionAsync([]));
    }

    [Fact]
    public async Task An_update_without_an_if_match_condition_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Table.UpdateEntityAsync(new TableEntity("p", "r"), default));

        Assert.Contains("ETag.All", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Page_sizes_outside_1_to_1000_are_refused(int pageSize)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Table.QueryAsync(maxPerPage: pageSize));
    }

    [Fact]
    public void Selected_property_names_must_be_identifiers()
    {
        Assert.Throws<ArgumentException>(() => Table.QueryAsync(select: ["Name,RowKey"]));
    }

    [Fact]
    public async Task The_unreachable_client_really_would_fail_a_request()
    {
        await Assert.ThrowsAsync<RequestFailedException>(() => Table.GetEntityAsync("p", "r"));
    }

    private static TableTransactionAction Add(string partitionKey, string rowKey, string? text = null)
    {
        var entity = new TableEntity(partitionKey, rowKey);
        entity["Text"] = text;
        return new TableTransactionAction(TableTransactionActionType.Add, entity);
    }

    private static void AssertKeyRule(ArgumentException error) =>
        Assert.Contains("keys may not contain", error.Message, StringComparison.Ordinal);

    private static TableClient Unreachable(string tableName)
    {
        var options = new StorageClientOptions();
        options.Retry.MaxRetries = 0;
        return new TableClient(
            new Uri("http://127.0.0.1:9/devstoreaccount1"),
            tableName,
            new StorageSharedKeyCredential(StorageConnectionString.DevelopmentAccountName, Convert.ToBase64String(new byte[64])),
            options);
    }
}
