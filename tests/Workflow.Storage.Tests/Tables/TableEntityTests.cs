using Azure;
using Workflow.Storage.Tables;
using Xunit;

namespace Workflow.Storage.Tests.Tables;

[Collection(AzuriteCollection.Name)]
public sealed class TableEntityTests(AzuriteFixture azurite)
{
    private const string Chinese = "建档立卡贫困户";

    [Fact]
    public async Task Every_property_type_round_trips_with_its_type()
    {
        var table = await NewTableAsync();
        var time = new DateTimeOffset(2024, 2, 29, 23, 59, 59, TimeSpan.FromHours(8)).AddTicks(1_234_567);
        var guid = Guid.NewGuid();
        var entity = new TableEntity("types", "all")
        {
            ["Text"] = "plain",
            ["EmptyText"] = string.Empty,
            ["Int32"] = int.MinValue,
            ["Int32Max"] = int.MaxValue,
            ["Int64"] = (1L << 53) + 1,
            ["Int64Min"] = long.MinValue,
            ["Int64Small"] = 5L,
            ["WholeDouble"] = 2.0,
            ["Double"] = 0.1,
            ["TinyDouble"] = 1e-300,
            ["HugeDouble"] = 1.5e300,
            ["NaN"] = double.NaN,
            ["Infinity"] = double.PositiveInfinity,
            ["NegativeInfinity"] = double.NegativeInfinity,
            ["True"] = true,
            ["False"] = false,
            ["Time"] = time,
            ["Earliest"] = new DateTimeOffset(1601, 1, 1, 0, 0, 0, TimeSpan.Zero),
            ["Guid"] = guid,
            ["Bytes"] = new byte[] { 0, 1, 127, 128, 255 },
            ["EmptyBytes"] = Array.Empty<byte>(),
        };

        await table.AddEntityAsync(entity);
        var read = (await table.GetEntityAsync("types", "all")).Value;

        Assert.Equal(entity.Count, read.Count);
        Assert.Equal("plain", read.GetString("Text"));
        Assert.Equal(string.Empty, read.GetString("EmptyText"));
        Assert.Equal(int.MinValue, read.GetInt32("Int32"));
        Assert.Equal(int.MaxValue, read.GetInt32("Int32Max"));
        Assert.Equal((1L << 53) + 1, read.GetInt64("Int64"));
        Assert.Equal(long.MinValue, read.GetInt64("Int64Min"));
        Assert.Equal(5L, read.GetInt64("Int64Small"));
        Assert.IsType<double>(read["WholeDouble"]);
        Assert.Equal(2.0, read.GetDouble("WholeDouble"));
        Assert.Equal(0.1, read.GetDouble("Double"));
        Assert.Equal(1e-300, read.GetDouble("TinyDouble"));
        Assert.Equal(1.5e300, read.GetDouble("HugeDouble"));
        Assert.Equal(double.NaN, read.GetDouble("NaN"));
        Assert.Equal(double.PositiveInfinity, read.GetDouble("Infinity"));
        Assert.Equal(double.NegativeInfinity, read.GetDouble("NegativeInfinity"));
        Assert.True(read.GetBoolean("True"));
        Assert.False(read.GetBoolean("False"));
        Assert.Equal(guid, read.GetGuid("Guid"));
        Assert.Equal(new byte[] { 0, 1, 127, 128, 255 }, read.GetBinary("Bytes"));
        Assert.Empty(read.GetBinary("EmptyBytes")!);

        // Table storage keeps dates in UTC to the 100 ns tick: the instant survives, the +08:00 offset does not.
        var readTime = read.GetDateTimeOffset("Time")!.Value;
        Assert.Equal(time.UtcTicks, readTime.UtcTicks);
        Assert.Equal(TimeSpan.Zero, readTime.Offset);
        Assert.Equal(new DateTimeOffset(1601, 1, 1, 0, 0, 0, TimeSpan.Zero), read.GetDateTimeOffset("Earliest"));

        Assert.NotNull(read.Timestamp);
        Assert.NotEqual(default, read.ETag);
    }

    [Fact]
    public async Task Chinese_text_round_trips_in_keys_and_values()
    {
        var table = await NewTableAsync();
        var rowKey = $"{Chinese}'户主 张三' 100% a+b&c=d";
        var value = $"{Chinese}：两不愁三保障 \"引号\" \\ 😀 \u2028 line\nbreak";
        await table.AddEntityAsync(new TableEntity(Chinese, rowKey) { ["名称"] = value });

        var read = (await table.GetEntityAsync(Chinese, rowKey)).Value;
        var queried = await table.QueryAsync(TableFilter.Equal("PartitionKey", Chinese).And(TableFilter.Equal("名称", value))).ToListAsync();

        Assert.Equal(Chinese, read.PartitionKey);
        Assert.Equal(rowKey, read.RowKey);
        Assert.Equal(value, read.GetString("名称"));
        Assert.Equal(rowKey, Assert.Single(queried).RowKey);
    }

    [Fact]
    public async Task Long_chinese_text_survives_bodies_that_arrive_in_several_network_reads()
    {
        // Guards the ASCII-only request bodies: Azurite decodes a single-entity body read by read, and a UTF-8
        // character split between two reads used to come back as U+FFFD (about one write in twenty at 60 KB).
        var table = await NewTableAsync();
        var texts = Enumerable.Range(0, 16).Select(i => string.Concat(Enumerable.Repeat(Chinese, 4000)) + new string('户', i)).ToList();

        for (var i = 0; i < texts.Count; i++)
        {
            await table.UpsertEntityAsync(new TableEntity("long", $"r{i:D2}") { ["Text"] = texts[i] });
        }

        var read = await table.QueryAsync(TableFilter.Equal("PartitionKey", "long")).ToListAsync();
        Assert.Equal(texts, read.Select(e => e.GetString("Text")));
    }

    [Fact]
    public async Task Properties_at_the_size_and_count_limits_are_accepted()
    {
        var table = await NewTableAsync();
        var entity = new TableEntity("limits", "max")
        {
            ["LongText"] = new string('字', 32 * 1024),
            ["LongBytes"] = new byte[64 * 1024],
        };
        for (var i = entity.Count; i < 252; i++)
        {
            entity[$"P{i}"] = i;
        }

        await table.AddEntityAsync(entity);
        var read = (await table.GetEntityAsync("limits", "max")).Value;

        Assert.Equal(252, read.Count);
        Assert.Equal(32 * 1024, read.GetString("LongText")!.Length);
        Assert.Equal(64 * 1024, read.GetBinary("LongBytes")!.Length);
    }

    [Fact]
    public void Typed_getters_refuse_another_type_and_return_null_for_a_missing_property()
    {
        var entity = new TableEntity("p", "r") { ["Count"] = 5, ["Name"] = "x" };

        var error = Assert.Throws<InvalidOperationException>(() => entity.GetInt64("Count"));
        Assert.Contains("'Count'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Int32", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => entity.GetString("Count"));
        Assert.Throws<InvalidOperationException>(() => entity.GetInt32("Name"));
        Assert.Null(entity.GetInt32("Missing"));
        Assert.Null(entity.GetString("Missing"));
    }

    [Fact]
    public void Assigning_null_removes_a_property()
    {
        var entity = new TableEntity("p", "r") { ["Name"] = "x" };

        entity["Name"] = null;

        Assert.False(entity.ContainsKey("Name"));
        Assert.Equal(0, entity.Count);
    }

    private async Task<TableClient> NewTableAsync()
    {
        var table = new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("entity"));
        await table.CreateAsync();
        return table;
    }
}
