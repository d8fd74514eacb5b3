using Azure;
using Azure.Data.Tables;
using Workflow.App.Storage;
using Xunit;

namespace Workflow.App.Tests.Storage;

/// <summary>
/// The table rules the SDK does not check, on the real SDK against a real Azurite: a bad name, key or entity fails
/// with the rule it breaks and no request is sent (the table's request log stays empty); what is at a limit is written.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableRulesTests(AzuriteFixture azurite)
{
    private const string Chinese = "建档立卡贫困户";

    [Theory]
    [InlineData("ab")]
    [InlineData("1table")]
    [InlineData("has-hyphen")]
    [InlineData("tables")]
    [InlineData("扶贫")]
    public void A_bad_table_name_is_refused_naming_the_rule(string name)
    {
        var refused = Assert.Throws<ArgumentException>(() => azurite.Tables.Table(name));
        Assert.Contains("a table name is 3-63 letters or digits", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a/b", "/")]
    [InlineData("a\\b", "\\")]
    [InlineData("a#b", "#")]
    [InlineData("a?b", "?")]
    [InlineData("a\u0001b", "\\u0001")]
    public async Task A_key_with_a_forbidden_character_is_refused_before_any_request(string key, string shown)
    {
        var (table, requests) = await NewTableAsync();
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => table.AddCheckedAsync(new TableEntity("p", key), default));

        Assert.Contains($"contains '{shown}'", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\u0001", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, requests.Count());
    }

    [Fact]
    public async Task A_string_over_64_KiB_a_binary_over_64_KiB_and_an_entity_over_1_MiB_are_refused_before_any_request()
    {
        var (table, requests) = await NewTableAsync();
        var text = await Assert.ThrowsAsync<ArgumentException>(() =>
            table.AddCheckedAsync(new TableEntity("p", "text") { ["Text"] = new string('字', (32 * 1024) + 1) }, default));
        var bytes = await Assert.ThrowsAsync<ArgumentException>(() =>
            table.UpsertCheckedAsync(new TableEntity("p", "bytes") { ["Bytes"] = new byte[(64 * 1024) + 1] }, TableUpdateMode.Replace, default));
        var entity = new TableEntity("p", "big");
        for (var i = 0; i < 17; i++)
        {
            entity[$"Part{i}"] = new string('户', 32 * 1024);
        }

        var whole = await Assert.ThrowsAsync<ArgumentException>(() => table.UpdateCheckedAsync(entity, ETag.All, TableUpdateMode.Merge, default));

        Assert.Contains("64 KiB", text.Message, StringComparison.Ordinal);
        Assert.Contains("64 KiB", bytes.Message, StringComparison.Ordinal);
        Assert.Contains("at most 1 MiB", whole.Message, StringComparison.Ordinal);
        Assert.Equal(0, requests.Count());
    }

    [Fact]
    public async Task Properties_at_the_size_limits_are_written_and_read_back_whole()
    {
        var (table, _) = await NewTableAsync();
        var entity = new TableEntity("limits", "max") { ["LongText"] = new string('字', 32 * 1024), ["LongBytes"] = new byte[64 * 1024] };

        await table.AddCheckedAsync(entity, default);

        var read = (await table.GetEntityAsync<TableEntity>("limits", "max")).Value;
        Assert.Equal(32 * 1024, read.GetString("LongText").Length);
        Assert.Equal(64 * 1024, read.GetBinary("LongBytes").Length);
    }

    [Fact]
    public async Task A_transaction_of_101_actions_or_of_two_partitions_is_refused_before_any_request_and_one_of_100_is_written()
    {
        var (table, requests) = await NewTableAsync();
        List<TableTransactionAction> Actions(int count, Func<int, string> partition) =>
            Enumerable.Range(0, count).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition(i), $"r{i:D3}") { ["N"] = i })).ToList();

        var tooMany = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitCheckedAsync(Actions(101, _ => "p"), default));
        var twoPartitions = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitCheckedAsync(Actions(2, i => $"p{i}"), default));
        Assert.Contains("1 to 100", tooMany.Message, StringComparison.Ordinal);
        Assert.Contains("2 partitions", twoPartitions.Message, StringComparison.Ordinal);
        Assert.Equal(0, requests.Count());

        await table.SubmitCheckedAsync(Actions(100, _ => "p"), default);
        Assert.Equal(100, await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"p"}")).CountAsync());
    }

    [Fact]
    public async Task A_transaction_over_4_MiB_is_refused_before_any_request()
    {
        var (table, requests) = await NewTableAsync();
        // 100 entities of 30,000 Chinese characters: each is 180,000 bytes on the wire (\uXXXX), 18 MB in all.
        var actions = Enumerable.Range(0, 100)
            .Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p", $"r{i:D3}") { ["Text"] = new string('户', 30_000) }))
            .ToList();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitCheckedAsync(actions, default));

        Assert.Contains("at most 4 MiB", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, requests.Count());
    }

    [Fact]
    public async Task Hostile_values_in_a_filter_match_only_themselves()
    {
        var (table, _) = await NewTableAsync();
        var hostile = "O'Brien 张'三 ' or PartitionKey ne '";
        foreach (var name in new[] { hostile, "O'Brien 张'三 ", "张三", string.Empty })
        {
            await table.AddCheckedAsync(new TableEntity("names", $"r{name.Length:D3}") { ["Name"] = name }, default);
        }

        var found = await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"names"} and Name eq {hostile}")).ToListAsync();

        Assert.Equal(hostile, Assert.Single(found).GetString("Name"));
    }

    [Fact]
    public async Task Long_chinese_text_survives_bodies_that_arrive_in_several_network_reads()
    {
        // Azurite decodes a single-entity body read by read, and a UTF-8 character split between two reads came back as
        // U+FFFD (134 of 200 round trips of a 60 KB entity sent as raw UTF-8). Azure.Data.Tables sends \uXXXX, as our
        // retired client did; this keeps it that way.
        var (table, _) = await NewTableAsync();
        var texts = Enumerable.Range(0, 16).Select(i => string.Concat(Enumerable.Repeat(Chinese, 4000)) + new string('户', i)).ToList();

        for (var i = 0; i < texts.Count; i++)
        {
            await table.UpsertCheckedAsync(new TableEntity("long", $"r{i:D2}") { ["Text"] = texts[i] }, TableUpdateMode.Replace, default);
        }

        var read = await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"long"}")).ToListAsync();
        Assert.Equal(texts, read.Select(e => e.GetString("Text")));
    }

    private async Task<(TableClient Table, Writes Requests)> NewTableAsync()
    {
        var log = new StorageRequestLog();
        var table = log.Tables(azurite.ConnectionString).Table(AzuriteFixture.UniqueName("rules"));
        await table.CreateIfNotExistsAsync();
        return (table, new Writes(log, table.Name));
    }

    /// <summary>The requests to the table that could write, counted after it was created: proof a refused write never left.</summary>
    private sealed class Writes(StorageRequestLog log, string table)
    {
        private static readonly string[] WriteMethods = ["POST", "PUT", "PATCH", "MERGE", "DELETE"];

        private readonly int _before = Count(log, table);

        public int Count() => Count(log, table) - _before;

        private static int Count(StorageRequestLog log, string table) =>
            WriteMethods.Sum(method => log.Count(method, table))
            + log.Count("POST", "$batch");
    }
}
