using System.Xml.Linq;

namespace Workflow.App.Analytics.OData;

/// <summary>The feed's CSDL (<c>$metadata</c>), written from <see cref="AnalyticsSchema"/>: one entity type and set per table.</summary>
public static class ODataMetadata
{
    public const string Namespace = "Workflow.Analytics";

    private static readonly XNamespace Edmx = "http://docs.oasis-open.org/odata/ns/edmx";
    private static readonly XNamespace Edm = "http://docs.oasis-open.org/odata/ns/edm";

    public static string EdmType(ColumnType type) => type switch
    {
        ColumnType.String => "Edm.String",
        ColumnType.Int => "Edm.Int32",
        ColumnType.Long => "Edm.Int64",
        ColumnType.Decimal => "Edm.Decimal",
        ColumnType.Double => "Edm.Double",
        ColumnType.Bool => "Edm.Boolean",
        ColumnType.Date => "Edm.Date",
        ColumnType.DateTime => "Edm.DateTimeOffset",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static string Csdl()
    {
        var schema = new XElement(Edm + "Schema", new XAttribute("Namespace", Namespace));
        foreach (var table in AnalyticsSchema.Tables)
        {
            schema.Add(new XElement(Edm + "EntityType",
                new XAttribute("Name", table.Name),
                new XElement(Edm + "Key", new XElement(Edm + "PropertyRef", new XAttribute("Name", table.Key.Name))),
                table.Columns.Select(column => new XElement(Edm + "Property",
                    new XAttribute("Name", column.Name),
                    new XAttribute("Type", EdmType(column.Type)),
                    new XAttribute("Nullable", column.Nullable ? "true" : "false"),
                    column.Type == ColumnType.Decimal ? new XAttribute("Scale", "variable") : null,
                    new XElement(Edm + "Annotation", new XAttribute("Term", "Org.OData.Core.V1.Description"), new XAttribute("String", column.Description))))));
        }

        schema.Add(new XElement(Edm + "EntityContainer", new XAttribute("Name", "Analytics"),
            AnalyticsSchema.Tables.Select(table => new XElement(Edm + "EntitySet",
                new XAttribute("Name", table.Name), new XAttribute("EntityType", $"{Namespace}.{table.Name}")))));
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement(Edmx + "Edmx", new XAttribute("Version", "4.0"), new XAttribute(XNamespace.Xmlns + "edmx", Edmx),
                new XElement(Edmx + "DataServices", schema)));
        return document.Declaration + Environment.NewLine + document.ToString(SaveOptions.DisableFormatting);
    }
}
