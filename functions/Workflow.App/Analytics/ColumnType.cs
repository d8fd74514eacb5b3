namespace Workflow.App.Analytics;

/// <summary>
/// The type of an exported column. It decides the Edm type of the <c>pbi</c> table property, the CSV text, the OData
/// type in <c>$metadata</c> and the TMDL data type, so all four agree.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The members are the schema's column types, named as OData and Power BI name them.")]
public enum ColumnType
{
    String,

    /// <summary>Edm.Int32.</summary>
    Int,

    /// <summary>Edm.Int64.</summary>
    Long,

    /// <summary>Money and percentages: Edm.Double in tables (tables have no decimal), Edm.Decimal in OData, decimal in the model.</summary>
    Decimal,

    Double,

    Bool,

    /// <summary>A China calendar date: midnight UTC of that date in tables, <c>yyyy-MM-dd</c> in CSV, Edm.Date in OData.</summary>
    Date,

    /// <summary>An instant, UTC: Edm.DateTime in tables, ISO 8601 with <c>Z</c> in CSV, Edm.DateTimeOffset in OData.</summary>
    DateTime,
}
