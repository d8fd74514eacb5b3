using Microsoft.AspNetCore.Mvc;
using System.Security.Claims;
using Workflow.Domain.Rectification;
using Workflow.App.Audit;
using Workflow.App.Evidence;
using Workflow.App.Exits;
using Workflow.App.Identity;
using Workflow.App.Register;

namespace Workflow.App.Rectification.Web;

/// <summary>The county office's HTTP API for the rectification ledger (documented at /openapi/v1.json): enter, import, list, read.</summary>
internal static class RectificationApiEndpoints
{
    public const string FileField = "file";

    public static void MapRectificationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(CountyRoles.CountyPolicy).WithTags("整改台账");

        api.MapPost("/counties/{county}/rectifications/{year:int}", async (string county, int year, FindingForm finding, FindingEntry entry, ClaimsPrincipal user,
            CancellationToken ct) =>
        {
            var places = await entry.FindCountyAsync(county, ct);
            if (places is null || !entry.IsCampaignYear(year))
            {
                return Results.Problem(places is null ? $"没有代码为「{county}」的县（市、区）。" : "年度不在可登记的范围内。", statusCode: StatusCodes.Status404NotFound);
            }

            var outcome = await entry.EnterAsync(places, year, finding, user.Identity?.Name ?? "unknown", ct);
            return outcome switch
            {
                { Item: { } item, Created: true } => Results.Created($"/api/rectifications/{item.ItemId}", item),
                { Item: { } item } => Results.Ok(item),
                _ => Results.Json(new FindingRefused("反馈问题有误，未登记。", outcome.Errors), statusCode: StatusCodes.Status400BadRequest),
            };
        }).WithSummary("登记一条反馈问题（同一问题重复提交只登记一次）");

        api.MapPost("/counties/{county}/rectifications/{year:int}/imports", async (string county, int year, HttpRequest request, FindingEntry entry, ClaimsPrincipal user,
            CancellationToken ct) =>
        {
            var places = await entry.FindCountyAsync(county, ct);
            if (places is null || !entry.IsCampaignYear(year))
            {
                return Results.Problem(places is null ? $"没有代码为「{county}」的县（市、区）。" : "年度不在可登记的范围内。", statusCode: StatusCodes.Status404NotFound);
            }

            var (file, problem) = await FindingUpload.ReadAsync(request, FileField, ct);
            if (problem is { } p)
            {
                return Results.Problem(p.Message, statusCode: p.Status);
            }

            try
            {
                return Results.Ok(await entry.ImportAsync(places, year, file!.Value.Name, file.Value.Content, user.Identity?.Name ?? "unknown", ct));
            }
            catch (RegisterFileRejectedException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status422UnprocessableEntity);
            }
        }).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(FindingUpload.MaxRequestBytes))
          .WithSummary("导入反馈问题清单（multipart 字段 file，.csv 或 .xlsx；表头：来源、类别、问题描述、乡镇、责任单位、整改时限）：保留正确行，逐行报告错误（行号、列、原因），重复导入不重复登记");

        api.MapGet("/counties/{county}/rectifications/{year:int}", async (string county, int year, string? source, string? unit, string? township, string? status,
            bool? overdue, RectificationStore items, TimeProvider time, CancellationToken ct) =>
        {
            var (query, problem) = LedgerRequest.Read(county, year, source, unit, township, status, overdue);
            return query is null
                ? Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest)
                : Results.Ok(await items.ListAsync(query, LedgerToday.Of(time), ct));
        }).WithSummary("整改台账，可按来源、责任单位、乡镇、状态、是否逾期筛选");

        api.MapGet("/rectifications/{itemId}", async (string itemId, RectificationStore items, EvidenceStore evidence, AuditLog audit, CancellationToken ct) =>
        {
            var item = await items.GetAsync(itemId, ct);
            return item is null
                ? Results.NotFound()
                : Results.Ok(new RectificationDetail(item, await items.ReadTimelineAsync(itemId, ct), await evidence.ListAsync(itemId, ct), await audit.ReadAsync(itemId, ct)));
        }).WithSummary("整改事项详情：办理记录、佐证材料、审计记录");
    }
}

/// <summary>Why a finding was not entered, field by field.</summary>
public sealed record FindingRefused(string Message, IReadOnlyList<Domain.Register.ImportError> Errors);

public sealed record RectificationDetail(RectificationItem Item, IReadOnlyList<TimelineEntry> Timeline, IReadOnlyList<EvidenceItem> Evidence, IReadOnlyList<AuditEntry> Audit);
