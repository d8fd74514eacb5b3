using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Microsoft.OData.Edm.Validation;
using Workflow.App.Analytics;
using Workflow.App.Analytics.OData;
using Workflow.App.Analytics.Sources;
using Workflow.App.Storage;
using Xunit;

namespace Workflow.App.Tests.Analytics;

/// <summary>The OData feed on real Kestrel over an exported county: metadata, paging, filters, refusals.</summary>
public sealed class ODataFeedTests(ODataFeedTests.ExportedCounty county) : IClassFixture<ODataFeedTests.ExportedCounty>
{
    /// <summary>One exported county for the class: the feed only reads.</summary>
    public sealed class ExportedCounty : IAsyncLifetime
    {
        internal AnalyticsTestBed Bed { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Bed = await AnalyticsTestBed.StartAsync();
            await Bed.RunActivityAsync();
            await Bed.ExportAsync();
        }

        public async Task DisposeAsync() => await Bed.DisposeAsync();
    }

    private AnalyticsTestBed Bed => county.Bed;

    private async Task<HttpResponseMessage> GetAsync(string path, string? apiKey = AnalyticsTestBed.ApiKey, int? maxPageSize = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (apiKey is not null)
        {
            request.Headers.Add(AnalyticsAccess.HeaderName, apiKey);
        }

        if (maxPageSize is { } size)
        {
            request.Headers.Add("Prefer", $"odata.maxpagesize={size}");
        }

        return await Bed.Anonymous.SendAsync(request);
    }

    private async Task<JsonElement> JsonAsync(string path, int? maxPageSize = null)
    {
        using var response = await GetAsync(path, maxPageSize: maxPageSize);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task Metadata_and_service_document_list_every_table_of_the_schema_with_typed_properties()
    {
        using var response = await GetAsync("/odata/$metadata");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("4.0", response.Headers.GetValues("OData-Version").Single());
        var csdl = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace edm = "http://docs.oasis-open.org/odata/ns/edm";
        Assert.Equal(AnalyticsSchema.Tables.Select(t => t.Name), csdl.Descendants(edm + "EntitySet").Select(e => (string)e.Attribute("Name")!));
        var step = csdl.Descendants(edm + "EntityType").Single(e => (string)e.Attribute("Name")! == "FactExitStep");
        Assert.Equal("Edm.DateTimeOffset", (string)step.Elements(edm + "Property").Single(p => (string)p.Attribute("Name")! == "EnteredAt").Attribute("Type")!);
        Assert.Equal("Edm.Date", (string)step.Elements(edm + "Property").Single(p => (string)p.Attribute("Name")! == "EnteredDate").Attribute("Type")!);
        Assert.Equal("Edm.Int32", (string)step.Elements(edm + "Property").Single(p => (string)p.Attribute("Name")! == "WorkingDays").Attribute("Type")!);

        // Read back with the library's CSDL reader, the model validates and has every column with its Edm type.
        using (var reader = XmlReader.Create(new StringReader(csdl.ToString())))
        {
            Assert.True(CsdlReader.TryParse(reader, out var model, out var errors), string.Join("; ", errors.Select(e => e.ErrorMessage)));
            Assert.True(model.Validate(out var invalid), string.Join("; ", invalid.Select(e => e.ErrorMessage)));
            foreach (var table in AnalyticsSchema.Tables)
            {
                var type = model.FindDeclaredType($"{ODataModel.Namespace}.{table.Name}") as IEdmEntityType;
                Assert.NotNull(type);
                Assert.Equal(table.Key.Name, Assert.Single(type.Key()).Name);
                Assert.Equal(
                    table.Columns.Select(c => (c.Name, ODataModel.EdmType(c.Type, c.Nullable).FullName(), c.Nullable)),
                    type.DeclaredStructuralProperties().Select(p => (p.Name, p.Type.FullName(), p.Type.IsNullable)));
                Assert.NotNull(model.EntityContainer.FindEntitySet(table.Name));
            }
        }

        var service = await JsonAsync("/odata");
        Assert.Equal(AnalyticsSchema.Tables.Select(t => t.Name), service.GetProperty("value").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Server_driven_paging_returns_every_row_once()
    {
        var keys = new List<string>();
        var next = "/odata/DimDate?$select=DateKey,IsWorkingDay";
        var pages = 0;
        while (next is not null)
        {
            var page = await JsonAsync(next, maxPageSize: 100);
            pages++;
            keys.AddRange(page.GetProperty("value").EnumerateArray().Select(r => r.GetProperty("DateKey").GetString()!));
            Assert.All(page.GetProperty("value").EnumerateArray(), r => Assert.Equal(2, r.EnumerateObject().Count()));
            next = page.TryGetProperty("@odata.nextLink", out var link) ? new Uri(link.GetString()!).PathAndQuery : null;
        }

        var expected = Domain.Calendar.WorkingCalendar.China.Years.Sum(y => DateTime.IsLeapYear(y) ? 366 : 365);
        Assert.Equal(expected, keys.Count);
        Assert.Equal(expected, keys.Distinct().Count());
        Assert.True(pages >= expected / 100, $"{pages} pages for {expected} rows at 100 a page.");

        var topSkip = await JsonAsync("/odata/DimDate?$filter=Year eq 2026&$top=5&$skip=3&$select=DateKey", maxPageSize: 2);
        var collected = topSkip.GetProperty("value").EnumerateArray().Select(r => r.GetProperty("DateKey").GetString()).ToList();
        while (topSkip.TryGetProperty("@odata.nextLink", out var more))
        {
            topSkip = await JsonAsync(new Uri(more.GetString()!).PathAndQuery, maxPageSize: 2);
            collected.AddRange(topSkip.GetProperty("value").EnumerateArray().Select(r => r.GetProperty("DateKey").GetString()));
        }

        Assert.Equal(["2026-01-04", "2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08"], collected);
    }

    /// <summary>Follows every <c>@odata.nextLink</c> from <paramref name="first"/>; the pages and the rows' values of <paramref name="column"/>.</summary>
    private async Task<(int Pages, List<string> Values, List<JsonElement> Firsts)> FollowAsync(string first, string column, int? maxPageSize = null)
    {
        var values = new List<string>();
        var firsts = new List<JsonElement>();
        var pages = 0;
        for (var next = first; next is not null; pages++)
        {
            using var response = await GetAsync(next, maxPageSize: maxPageSize);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{next}: {response.StatusCode} {body}");
            if (maxPageSize is { } size)
            {
                Assert.Equal($"odata.maxpagesize={size}", response.Headers.GetValues("Preference-Applied").Single());
            }

            var page = JsonDocument.Parse(body).RootElement.Clone();
            firsts.Add(page);
            var rows = page.GetProperty("value").EnumerateArray().ToList();
            Assert.True(rows.Count <= (maxPageSize ?? ODataFeed.MaxPageSize), $"{rows.Count} rows on a page of {maxPageSize ?? ODataFeed.MaxPageSize}.");
            values.AddRange(rows.Select(r => r.GetProperty(column).ToString()));
            next = page.TryGetProperty("@odata.nextLink", out var link) ? new Uri(link.GetString()!).PathAndQuery : null;
        }

        return (pages, values, firsts);
    }

    [Fact]
    public async Task Next_links_at_the_feeds_page_size_sorted_and_counted_lose_and_repeat_no_row()
    {
        var stored = (await Bed.TableRowsAsync(DateDimension.Definition)).Select(r => DateOnly.FromDateTime(r.GetDateTimeOffset("DateKey")!.Value.UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(stored.Count > ODataFeed.MaxPageSize, $"{stored.Count} rows: the test needs more than one page.");

        // The feed's own page size, no Prefer.
        var (pages, keys, _) = await FollowAsync("/odata/DimDate?$select=DateKey", "DateKey");
        Assert.Equal((stored.Count + ODataFeed.MaxPageSize - 1) / ODataFeed.MaxPageSize, pages);
        Assert.Equal(stored.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));

        // Sorted in memory, paged by position: descending, every row once, and the count on every page.
        var (_, sorted, firsts) = await FollowAsync("/odata/DimDate?$orderby=DateKey desc&$count=true&$select=DateKey,Year", "DateKey", maxPageSize: 700);
        Assert.Equal(stored.OrderDescending(StringComparer.Ordinal), sorted);
        Assert.All(firsts, page => Assert.Equal(stored.Count, page.GetProperty("@odata.count").GetInt64()));

        // A filtered count, and $top over several pages.
        var (_, filtered, counted) = await FollowAsync("/odata/DimDate?$filter=Year eq 2026 and IsWorkingDay&$count=true&$top=150&$select=DateKey", "DateKey", maxPageSize: 40);
        var workingDays2026 = (await Bed.TableRowsAsync(DateDimension.Definition)).Count(r => r.GetInt32("Year") == 2026 && r.GetBoolean("IsWorkingDay") == true);
        Assert.Equal(150, filtered.Count);
        Assert.Equal(150, filtered.Distinct().Count());
        Assert.All(counted, page => Assert.Equal(workingDays2026, page.GetProperty("@odata.count").GetInt64()));
    }

    [Fact]
    public async Task Filters_on_dates_datetimes_strings_and_numbers_return_what_the_tables_hold()
    {
        var february = await JsonAsync("/odata/DimDate?$filter=DateKey ge 2026-02-01 and DateKey lt 2026-03-01 and not (IsWorkingDay eq true)&$select=DateKey,HolidayName");
        var days = february.GetProperty("value").EnumerateArray().ToList();
        Assert.Contains(days, d => d.GetProperty("DateKey").GetString() == "2026-02-17" && d.GetProperty("HolidayName").GetString() == "春节");
        Assert.All(days, d => Assert.StartsWith("2026-02-", d.GetProperty("DateKey").GetString(), StringComparison.Ordinal));
        Assert.DoesNotContain(days, d => d.GetProperty("DateKey").GetString() == "2026-02-28"); // 调休: a Saturday worked

        var spring = await JsonAsync("/odata/DimDate?$filter=HolidayName eq '春节' or (startswith(HolidayName,'国庆') and Year eq 2026)&$select=DateKey");
        Assert.True(spring.GetProperty("value").GetArrayLength() > 20);

        var steps = await Bed.TableRowsAsync(ExitStepFacts.Definition);
        var since = new DateTimeOffset(2026, 3, 4, 0, 0, 0, TimeSpan.Zero);
        var late = await JsonAsync("/odata/FactExitStep?$filter=EnteredAt ge 2026-03-04T00:00:00Z and Decision ne 'pending'&$select=StepKey,WorkingDays");
        Assert.Equal(steps.Count(s => s.GetDateTimeOffset("EnteredAt") >= since && s.GetString("Decision") != "pending"), late.GetProperty("value").GetArrayLength());
        Assert.True(late.GetProperty("value").GetArrayLength() > 0);

        var quoted = await JsonAsync("/odata/DimHousehold?$filter=Status eq 'O''Brien' or Size gt 100");
        Assert.Equal(0, quoted.GetProperty("value").GetArrayLength());

        var large = await JsonAsync("/odata/DimHousehold?$filter=Size ge 4 and PerCapitaNetIncome gt 1000.5&$select=HouseholdKey");
        Assert.Equal(Bed.Households.Count(h => h.Household.Size >= 4 && h.Household.Income.PerCapitaNetIncome > 1000.5m), large.GetProperty("value").GetArrayLength());

        var missing = await JsonAsync("/odata/FactExitCase?$filter=EndedAt eq null&$select=CaseKey,Status");
        Assert.All(missing.GetProperty("value").EnumerateArray(), c => Assert.Equal("InProgress", c.GetProperty("Status").GetString()));
        Assert.Equal(3, missing.GetProperty("value").GetArrayLength());
    }

    [Fact]
    public async Task A_hostile_filter_value_matches_only_rows_with_exactly_that_value()
    {
        // The value closes its quote and widens the filter to every row, were it spliced into the table filter's text.
        const string hostile = "x' or PartitionKey ne '";
        const string filter = "VillageName eq 'x'' or PartitionKey ne '''";
        var table = Bed.Exporter.TableOf(VillageDimension.Definition);
        const string partition = "hostile|test";
        (string Code, string Name)[] villages = [("h1", hostile), ("h2", "x"), ("h3", "x' or PartitionKey ne ")];
        foreach (var (code, name) in villages)
        {
            await table.UpsertCheckedAsync(new TableEntity(partition, code)
            {
                ["VillageKey"] = $"{partition}|{code}", ["CountyCode"] = "hostile", ["TownshipKey"] = partition, ["VillageCode"] = code,
                ["VillageName"] = name, ["IsPoorVillage"] = false, [ExportTable.RowHashProperty] = "test",
            }, TableUpdateMode.Replace, CancellationToken.None);
        }

        try
        {
            // Storage alone, without the in-memory check that would hide a widened filter: the value is one quoted literal.
            var pushdown = FilterTranslation.Pushdown(Filter(VillageDimension.Definition, filter));
            Assert.NotNull(pushdown);
            var tableFilter = TableClient.CreateQueryFilter(pushdown);
            Assert.Equal("VillageName eq 'x'' or PartitionKey ne '''", tableFilter);
            var stored = new List<TableEntity>();
            await foreach (var row in table.QueryAsync<TableEntity>(tableFilter))
            {
                stored.Add(row);
            }

            Assert.Equal("h1", Assert.Single(stored).RowKey);

            // Composed with other conditions, each value still stays its own literal.
            var composed = FilterTranslation.Pushdown(Filter(VillageDimension.Definition, $"({filter} or VillageName eq 'x') and IsPoorVillage eq false"));
            var both = new List<string>();
            await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter(composed!)))
            {
                both.Add(row.RowKey);
            }

            Assert.Equal(["h1", "h2"], both.Order(StringComparer.Ordinal));

            // And through the feed.
            var page = await JsonAsync($"/odata/DimVillage?$filter={Uri.EscapeDataString(filter)}&$select=VillageCode,VillageName");
            var match = Assert.Single(page.GetProperty("value").EnumerateArray());
            Assert.Equal(("h1", hostile), (match.GetProperty("VillageCode").GetString(), match.GetProperty("VillageName").GetString()));
        }
        finally
        {
            foreach (var (code, _) in villages)
            {
                await table.DeleteEntityAsync(partition, code);
            }
        }
    }

    private static FilterNode? Filter(ExportTable table, string filter) =>
        ODataQueryOptions.Parse(table, new QueryCollection(new Dictionary<string, StringValues> { ["$filter"] = filter }), ODataFeed.MaxPageSize).Filter;

    [Theory]
    [InlineData("$filter=PartitionKey eq 'x' or true")]
    [InlineData("$filter=Secret eq 'x'")]
    [InlineData("$filter=substringof('a',HolidayName)")]
    [InlineData("$filter=HolidayName eq 'a' or 1 eq 1")]
    [InlineData("$filter=HolidayName eq 'unterminated")]
    [InlineData("$filter=DateKey eq '2026-01-01'")]
    [InlineData("$filter=Year eq 2026; DROP TABLE x")]
    [InlineData("$filter=Year add 1 eq 2027")]
    [InlineData("$filter=Year gt null")]
    [InlineData("$orderby=RowHash")]
    [InlineData("$expand=Year")]
    [InlineData("$filter=tolower(HolidayName) eq '春节'")]
    [InlineData("$filter=HolidayName eq 'a' or RowKey gt ''")]
    [InlineData("$top=99999999999999999999")]
    [InlineData("$select=DateKey,RowHash")]
    [InlineData("$top=-1")]
    [InlineData("$skiptoken=bm90LWEtdG9rZW4")]
    public async Task Hostile_or_unsupported_queries_are_refused_with_an_odata_error(string query)
    {
        using var response = await GetAsync($"/odata/DimDate?{query}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{query}: {response.StatusCode} {body}");
        var message = JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("message").GetString();
        Assert.False(string.IsNullOrEmpty(message));
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", message); // zh-CN, whatever the library's detail after it
    }

    [Fact]
    public async Task An_overlong_too_many_conditions_or_deeply_nested_filter_is_refused_and_the_limit_is_served()
    {
        var atLimit = string.Join(" or ", Enumerable.Range(2000, FilterLimits.MaxConditions).Select(i => $"Year eq {i}"));
        Assert.True((await JsonAsync($"/odata/DimDate?$filter={Uri.EscapeDataString(atLimit)}&$select=DateKey")).GetProperty("value").GetArrayLength() > 0);
        foreach (var (filter, limit) in new[]
                 {
                     (string.Join(" or ", Enumerable.Range(0, FilterLimits.MaxConditions + 1).Select(i => $"Year eq {i}")), $"{FilterLimits.MaxConditions} 个条件"),
                     ("HolidayName eq '" + new string('x', FilterLimits.MaxLength) + "'", $"{FilterLimits.MaxLength} 个字符"),
                     (string.Concat(Enumerable.Repeat("not (", FilterLimits.MaxDepth + 1)) + "Year eq 1" + new string(')', FilterLimits.MaxDepth + 1), $"{FilterLimits.MaxDepth} 层"),
                 })
        {
            using var refused = await GetAsync($"/odata/DimDate?$filter={Uri.EscapeDataString(filter)}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var message = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("message").GetString();
            Assert.Contains(limit, message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_feed_needs_a_valid_api_key_or_an_analyst_sign_in()
    {
        using var none = await GetAsync("/odata/DimDate", apiKey: null);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Contains("error", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var wrong = await GetAsync("/odata/$metadata", apiKey: AnalyticsTestBed.ApiKey + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        var officer = await Bed.County.GetAsync("/odata/DimTownship");
        Assert.Equal(HttpStatusCode.OK, officer.StatusCode);
        using var wrongKeySignedIn = new HttpRequestMessage(HttpMethod.Get, "/odata/DimTownship");
        wrongKeySignedIn.Headers.Add(AnalyticsAccess.HeaderName, "nope");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bed.County.SendAsync(wrongKeySignedIn)).StatusCode);
    }
}
