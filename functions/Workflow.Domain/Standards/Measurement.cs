using System.Globalization;

namespace Workflow.Domain.Standards;

/// <summary>A measured indicator value: a number (yuan, %, m²) or a yes/no finding.</summary>
public readonly record struct Measurement
{
    private Measurement(decimal? number, bool? flag)
    {
        Number = number;
        Flag = flag;
    }

    public decimal? Number { get; }

    public bool? Flag { get; }

    public static Measurement Of(decimal number) => new(number, null);

    public static Measurement Of(bool flag) => new(null, flag);

    public override string ToString() =>
        Number?.ToString(CultureInfo.InvariantCulture) ?? (Flag == true ? "是" : "否");
}
