using System.Globalization;
using Workflow.Storage.Tables;
using Xunit;

namespace Workflow.Storage.Tests.Tables;

[Collection(AzuriteCollection.Name)]
public sealed class TableQueryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Query_follows_continuation_over_2500_entities()
    {
        var table = await NewTableAsync();
        for (var partition = 0; partition < 5; partition++)
        {
            for (var batch = 0; batch < 5; batch++)
            {
                await table.SubmitTransactionAsync(Enumerable.Range(batch * 100, 100).Select(row =>
                    new TableTransactionAction(
                        TableTransactionActionType.Add,
                        new TableEntity($"p{partition}", row.ToString("D4", CultureInfo.InvariantCulture)) { ["Row"] = row })));
            }
        }

        var all = await table.QueryAsync().ToListAsync();
        var pages = await table.QueryAsync(maxPerPage: 300).AsPages().ToListAsync();
        var filtered = await table.QueryAsync(TableFilter.GreaterThanOrEqual("Row", 250), maxPerPage: 100).ToListAsync();

        Assert.Equal(2500, all.Count);
        Assert.Equal(2500, all.Select(e => (e.PartitionKey, e.RowKey)).Distinct().Count());
        Assert.Equal(9, pages.Count);
        Assert.All(pages.SkipLast(1), page => Assert.Equal(300, page.Values.Count));
        Assert.Null(pages[^1].ContinuationToken);
        Assert.Equal(5 * 250, filtered.Count);
        Assert.All(filtered, e => Assert.True(e.GetInt32("Row") >= 250));
    }

    [Fact]
    public async Task A_query_resumes_from_a_continuation_token()
    {
        var table = await NewTableAsync();
        await table.SubmitTransactionAsync(Enumerable.Range(0, 10).Select(row =>
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{row}"))));

        var first = await table.QueryAsync(maxPerPage: 4).AsPages().FirstAsync();
        var rest = await table.QueryAsync(maxPerPage: 4).AsPages(first.ContinuationToken).ToListAsync();

        Assert.NotNull(first.ContinuationToken);
        Assert.Equal(
            Enumerable.Range(0, 10).Select(row => $"r{row}").Order(StringComparer.Ordinal),
            first.Values.Concat(rest.SelectMany(page => page.Values)).Select(e => e.RowKey));
    }

    private static readonly string[] Hostile =
    [
        "x' or PartitionKey ne '",
        "x' or '1' eq '1",
        "') or (RowKey ne '",
        "''",
        "'",
        "x and y or z eq true",
        "a&b=c;d#e?f%20g+h",
        "建档立卡贫困户' or '1' eq '1",
    ];

    public static TheoryData<string> HostileValues => new(Hostile);

    [Theory]
    [MemberData(nameof(HostileValues))]
    public async Task Filter_values_with_quotes_and_odata_keywords_match_only_themselves(string hostile)
    {
        var table = await NewTableAsync();
        var values = Hostile.Append("x").Append(string.Empty).ToList();
        await table.SubmitTransactionAsync(values.Select((value, i) =>
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i}") { ["Name"] = value })));

        var byProperty = await table.QueryAsync(TableFilter.Equal("Name", hostile)).ToListAsync();
        var interpolated = await table.QueryAsync(TableFilter.Create($"PartitionKey eq {"p"} and Name eq {hostile}")).ToListAsync();

        Assert.Equal(hostile, Assert.Single(byProperty).GetString("Name"));
        Assert.Equal(hostile, Assert.Single(interpolated).GetString("Name"));
    }

    [Fact]
    public async Task A_hostile_row_key_is_an_exact_match_too()
    {
        var table = await NewTableAsync();
        const string hostile = "x' or PartitionKey ne '";
        await table.AddEntityAsync(new TableEntity("p", hostile));
        await table.AddEntityAsync(new TableEntity("p", "x"));
        await table.AddEntityAsync(new TableEntity("q", "y"));

        var found = await table.QueryAsync(TableFilter.Equal("RowKey", hostile)).ToListAsync();

        Assert.Equal(hostile, Assert.Single(found).RowKey);
    }

    [Fact]
    public async Task Filters_compare_every_property_type()
    {
        var table = await NewTableAsync();
        var time = new DateTimeOffset(2024, 5, 1, 8, 30, 0, TimeSpan.Zero);
        var guid = Guid.NewGuid();
        await table.AddEntityAsync(new TableEntity("p", "match")
        {
            ["Text"] = "b", ["Int32"] = 7, ["Int64"] = (1L << 53) + 1, ["Double"] = 0.00001, ["Whole"] = 3.0,
            ["Flag"] = true, ["Time"] = time, ["Id"] = guid, ["Bytes"] = new byte[] { 0xAB, 0x01 },
        });
        await table.AddEntityAsync(new TableEntity("p", "other")
        {
            ["Text"] = "a", ["Int32"] = 6, ["Int64"] = 1L << 53, ["Double"] = 0.00002, ["Whole"] = 4.0,
            ["Flag"] = false, ["Time"] = time.AddDays(-1), ["Id"] = Guid.NewGuid(), ["Bytes"] = new byte[] { 0xAB, 0x02 },
        });

        async Task<string> Only(TableFilter filter) => Assert.Single(await table.QueryAsync(filter).ToListAsync()).RowKey;

        Assert.Equal("match", await Only(TableFilter.GreaterThan("Text", "a")));
        Assert.Equal("match", await Only(TableFilter.Equal("Int32", 7)));
        Assert.Equal("match", await Only(TableFilter.GreaterThan("Int32", 6)));
        Assert.Equal("match", await Only(TableFilter.Equal("Int64", (1L << 53) + 1)));
        Assert.Equal("match", await Only(TableFilter.LessThan("Double", 0.000015)));
        Assert.Equal("match", await Only(TableFilter.Equal("Whole", 3.0)));
        Assert.Equal("match", await Only(TableFilter.Equal("Flag", true)));
        Assert.Equal("match", await Only(TableFilter.GreaterThanOrEqual("Time", time)));
        Assert.Equal("match", await Only(TableFilter.Equal("Id", guid)));
        Assert.Equal("match", await Only(TableFilter.Equal("Bytes", new byte[] { 0xAB, 0x01 })));
        Assert.Equal("match", await Only(TableFilter.NotEqual("RowKey", "other").And(TableFilter.LessThanOrEqual("Int32", 7))));
        Assert.Equal("other", await Only(TableFilter.Equal("Int32", 6).Or(TableFilter.Equal("Flag", false))));
    }

    [Fact]
    public async Task Select_returns_only_the_selected_properties_and_the_keys()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = 1, ["B"] = "two", ["C"] = 3.0 });

        var entity = Assert.Single(await table.QueryAsync(select: ["B", "C"]).ToListAsync());

        Assert.Equal(("p", "r"), (entity.PartitionKey, entity.RowKey));
        Assert.Equal(["B", "C"], entity.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(3.0, entity.GetDouble("C"));
    }

    private async Task<TableClient> NewTableAsync()
    {
        var table = new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("query"));
        await table.CreateAsync();
        return table;
    }
}
