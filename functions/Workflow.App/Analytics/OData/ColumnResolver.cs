using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace Workflow.App.Analytics.OData;

/// <summary>
/// The library's resolver, except that a name which is not a property of the entity type is refused at once with the
/// feed's own zh-CN message (in <c>$filter</c>, <c>$select</c> and <c>$orderby</c> alike) instead of the library's
/// English one. Names are matched exactly, as the schema spells them.
/// </summary>
internal sealed class ColumnResolver : ODataUriResolver
{
    public static readonly ColumnResolver Instance = new();

    public override IEdmProperty ResolveProperty(IEdmStructuredType type, string propertyName) =>
        base.ResolveProperty(type, propertyName)
        ?? throw new ODataQueryException($"“{propertyName}”不是 {(type as IEdmNamedElement)?.Name ?? "该表"} 的列。");
}
