using System.Globalization;

namespace Workflow.Storage.Tables;

/// <summary>
/// An OData <c>$filter</c> whose values are always written as escaped literals: the one way to filter a query,
/// so user text never becomes filter syntax. Build it from comparisons joined with <see cref="And"/> and
/// <see cref="Or"/>, or with <see cref="Create"/> from an interpolated string whose holes become literals.
/// Values are string, int, long, double, bool, DateTimeOffset, Guid or byte[], as in an entity.
/// </summary>
public sealed class TableFilter
{
    private readonly string _text;

    private TableFilter(string text) => _text = text;

    public static TableFilter Equal(string property, object value) => Compare(property, "eq", value);

    public static TableFilter NotEqual(string property, object value) => Compare(property, "ne", value);

    public static TableFilter GreaterThan(string property, object value) => Compare(property, "gt", value);

    public static TableFilter GreaterThanOrEqual(string property, object value) => Compare(property, "ge", value);

    public static TableFilter LessThan(string property, object value) => Compare(property, "lt", value);

    public static TableFilter LessThanOrEqual(string property, object value) => Compare(property, "le", value);

    /// <summary>
    /// A filter from an interpolated string, e.g. <c>$"PartitionKey eq {pk} and RowKey ge {rk}"</c>: the text is
    /// the filter's syntax, each hole a value written as a literal (as Azure.Data.Tables' CreateQueryFilter does).
    /// </summary>
    public static TableFilter Create(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var literals = filter.GetArguments().Select(argument => (object)Literal(argument)).ToArray();
        return new TableFilter(string.Format(CultureInfo.InvariantCulture, filter.Format, literals));
    }

    public TableFilter And(TableFilter other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new TableFilter($"({_text}) and ({other._text})");
    }

    public TableFilter Or(TableFilter other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new TableFilter($"({_text}) or ({other._text})");
    }

    /// <summary>The filter text, as sent in <c>$filter</c>.</summary>
    public override string ToString() => _text;

    private static TableFilter Compare(string property, string comparison, object value) =>
        new($"{TableLimits.ValidatePropertyName(property)} {comparison} {Literal(value)}");

    private static string Literal(object? value) => value switch
    {
        null => throw new ArgumentException("A filter value is null: Table storage has no null to compare with.", nameof(value)),
        string text => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'",
        int number => number.ToString(CultureInfo.InvariantCulture),
        long number => number.ToString(CultureInfo.InvariantCulture) + "L",
        double number => DoubleLiteral(number),
        bool flag => flag ? "true" : "false",
        DateTimeOffset time => $"datetime'{TableEntityJson.FormatDateTime(time)}'",
        Guid guid => $"guid'{guid:D}'",
        byte[] bytes => $"X'{Convert.ToHexStringLower(bytes)}'",
        _ => throw new ArgumentException(
            $"A filter value is a {value.GetType().Name}: compare with string, int, long, double, bool, DateTimeOffset, Guid or byte[].",
            nameof(value)),
    };

    // Always with a decimal point, so the service reads a double and not an Int32; never with an exponent,
    // which Azurite's filter grammar rejects: 1E-05 is written 0.00001.
    private static string DoubleLiteral(double number)
    {
        if (!double.IsFinite(number))
        {
            throw new ArgumentException($"A filter value is {number}: only finite doubles can be compared.", nameof(number));
        }

        var text = number.ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = text.IndexOf('E', StringComparison.Ordinal);
        if (exponentAt < 0)
        {
            return text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
        }

        var sign = text[0] == '-' ? "-" : string.Empty;
        var mantissa = text[sign.Length..exponentAt];
        var pointAt = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = mantissa.Replace(".", string.Empty, StringComparison.Ordinal);
        var point = (pointAt < 0 ? mantissa.Length : pointAt) + int.Parse(text[(exponentAt + 1)..], CultureInfo.InvariantCulture);
        return sign + (point <= 0
            ? "0." + new string('0', -point) + digits
            : point >= digits.Length
                ? digits + new string('0', point - digits.Length) + ".0"
                : digits[..point] + "." + digits[point..]);
    }
}
