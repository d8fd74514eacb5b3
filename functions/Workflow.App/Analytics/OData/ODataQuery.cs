namespace Workflow.App.Analytics.OData;

/// <summary>One key of a <c>$orderby</c>.</summary>
public sealed record OrderKey(ExportColumn Column, bool Descending);

/// <summary>The query options of a collection request, parsed against the model and checked.</summary>
/// <param name="OrderBy">Empty: storage order (PartitionKey, RowKey), paged by the table's continuation.</param>
/// <param name="Count">Whether <c>$count=true</c> asked for <c>@odata.count</c>.</param>
public sealed record ODataQuery(
    ExportTable Table,
    FilterNode? Filter,
    IReadOnlyList<ExportColumn> Select,
    IReadOnlyList<OrderKey> OrderBy,
    long? Top,
    long Skip,
    bool Count,
    int PageSize,
    string? SkipToken);
