using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Microsoft.OData.Edm.Vocabularies;
using Microsoft.OData.Edm.Vocabularies.V1;

namespace Workflow.App.Analytics.OData;

/// <summary>
/// The feed's EDM model, built once from <see cref="AnalyticsSchema"/>: one entity type and one entity set per table,
/// keyed by the table's first column, each property typed from its <see cref="ColumnType"/> and described with
/// Core.Description. <c>$metadata</c> is this model through the library's CSDL writer, and every query option is parsed
/// against it, so the two cannot disagree.
/// </summary>
public static class ODataModel
{
    public const string Namespace = "Workflow.Analytics";
    public const string ContainerName = "Analytics";

    private static readonly Lazy<EdmModel> Built = new(Build);

    public static IEdmModel Model => Built.Value;

    public static IEdmEntitySet EntitySet(ExportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Model.EntityContainer.FindEntitySet(table.Name)
               ?? throw new InvalidOperationException($"{table.Name} is not in the feed's model.");
    }

    public static IEdmPrimitiveTypeReference EdmType(ColumnType type, bool nullable) => type switch
    {
        ColumnType.String => EdmCoreModel.Instance.GetString(nullable),
        ColumnType.Int => EdmCoreModel.Instance.GetInt32(nullable),
        ColumnType.Long => EdmCoreModel.Instance.GetInt64(nullable),
        // Money and percentages keep the scale they have: no fixed scale (CSDL Scale="variable").
        ColumnType.Decimal => EdmCoreModel.Instance.GetDecimal(precision: null, scale: null, nullable),
        ColumnType.Double => EdmCoreModel.Instance.GetDouble(nullable),
        ColumnType.Bool => EdmCoreModel.Instance.GetBoolean(nullable),
        ColumnType.Date => EdmCoreModel.Instance.GetDate(nullable),
        ColumnType.DateTime => EdmCoreModel.Instance.GetDateTimeOffset(nullable),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private static EdmModel Build()
    {
        var model = new EdmModel();
        var container = new EdmEntityContainer(Namespace, ContainerName);
        model.AddElement(container);
        foreach (var table in AnalyticsSchema.Tables)
        {
            var type = new EdmEntityType(Namespace, table.Name);
            foreach (var column in table.Columns)
            {
                var property = type.AddStructuralProperty(column.Name, EdmType(column.Type, column.Nullable));
                if (column == table.Key)
                {
                    type.AddKeys(property);
                }

                var description = new EdmVocabularyAnnotation(property, CoreVocabularyModel.DescriptionTerm, new EdmStringConstant(column.Description));
                description.SetSerializationLocation(model, EdmVocabularyAnnotationSerializationLocation.Inline);
                model.AddVocabularyAnnotation(description);
            }

            model.AddElement(type);
            container.AddEntitySet(table.Name, type);
        }

        return model;
    }
}
