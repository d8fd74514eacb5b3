using Workflow.App.Register;
using Workflow.App.Identity;
using Workflow.Domain.Monitoring;
using Workflow.Domain.Register;

namespace Workflow.App.Monitoring.Web;

/// <summary>
/// The county office's HTTP API for monitoring (documented at /openapi/v1.json): the ledger, a household's 12类群体, a
/// month's round started and read.
/// </summary>
internal static class MonitoringApiEndpoints
{
    public static void MapMonitoringApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/counties/{county}/monitoring").RequireAuthorization(CountyRoles.CountyPolicy).WithTags("动态监测");

        api.MapGet("/", async (string county, MonitoringLedger ledger, CancellationToken ct) =>
            !CountyDirectory.IsCountyCode(county) ? BadCounty() : Results.Ok(await ledger.ReadAsync(county, ct)))
            .WithSummary("监测台账：监测户、边缘户及纳入12类群体的农户");

        api.MapPut("/{household}", async (string county, string household, SetGroupsRequest request, MonitoringLedger ledger, CancellationToken ct) =>
        {
            if (!CountyDirectory.IsCountyCode(county))
            {
                return BadCounty();
            }

            var groups = new List<SpecialGroup>();
            foreach (var text in request.Groups ?? [])
            {
                if (!ChineseTerms.TryParse<SpecialGroup>(text, out var group))
                {
                    return Results.Problem($"“{text}”不是12类群体之一。可选：{string.Join("、", ChineseTerms.All<SpecialGroup>())}。", statusCode: StatusCodes.Status400BadRequest);
                }

                groups.Add(group);
            }

            var entry = await ledger.SetGroupsAsync(county, household, groups, ct);
            return entry is null
                ? Results.Problem($"名册中没有户编号为 {household} 的农户。", statusCode: StatusCodes.Status404NotFound)
                : Results.Ok(entry);
        }).WithSummary("设置农户所属的12类群体（groups 为空时，非监测户、边缘户的农户移出台账）");

        api.MapPost("/rounds", async (string county, StartRoundRequest request, MonitoringRoundStarter starter, CancellationToken ct) =>
        {
            if (!CountyDirectory.IsCountyCode(county))
            {
                return BadCounty();
            }

            if (!MonitoringMonth.TryParse(request.Month, out var month))
            {
                return Results.Problem("监测月份须写作 yyyy-MM，例如 2020-03。", statusCode: StatusCodes.Status400BadRequest);
            }

            var (instanceId, created) = await starter.StartAsync(county, month, ct);
            var outcome = new StartRoundOutcome(instanceId, created);
            return created ? Results.Created($"/api/counties/{county}/monitoring/rounds/{month.Key}", outcome) : Results.Ok(outcome);
        }).WithSummary("启动某月的监测（向每户帮扶责任人发送监测链接）；重复启动返回已有的一轮");

        api.MapGet("/rounds/{month}", async (string county, string month, MonitoringReader reader, CancellationToken ct) =>
        {
            if (!CountyDirectory.IsCountyCode(county))
            {
                return BadCounty();
            }

            return MonitoringMonth.TryParse(month, out var parsed)
                ? Results.Ok(await reader.MonthAsync(county, parsed, ct))
                : Results.Problem("监测月份须写作 yyyyMM 或 yyyy-MM。", statusCode: StatusCodes.Status400BadRequest);
        }).WithSummary("某月监测：各乡镇应查、已查、未查、预警户数及每户情况");
    }

    private static IResult BadCounty() => Results.Problem("县代码须为 6 位数字。", statusCode: StatusCodes.Status400BadRequest);
}

/// <param name="Groups">The groups by their Chinese terms (老人户, C、D级危房户, …).</param>
public sealed record SetGroupsRequest(IReadOnlyList<string>? Groups);

/// <param name="Month">yyyy-MM.</param>
public sealed record StartRoundRequest(string? Month);

public sealed record StartRoundOutcome(string InstanceId, bool Created);
