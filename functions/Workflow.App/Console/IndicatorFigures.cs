using System.Globalization;

namespace Workflow.App.Console;

/// <summary>指标监测's figures as the page and its CSV both show them: whole numbers, per cents to two places, yuan to the yuan.</summary>
internal static class IndicatorFigures
{
    /// <summary>The figure columns, in the order of <see cref="Heads"/>.</summary>
    public static string[] Of(RegisterFigures f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return
        [
            N(f.Households), N(f.People), N(f.NotExitedHouseholds), N(f.NotExitedPeople), N(f.ExitedHouseholds), N(f.ExitedPeople),
            N(f.MonitoredHouseholds), N(f.EdgeHouseholds), Percent(f.IncidenceUpperBound),
        ];
    }

    public static readonly string[] Heads = ["建档立卡户", "建档立卡人", "未脱贫户", "未脱贫人", "已脱贫户", "已脱贫人", "监测户", "边缘户", "贫困发生率上限"];

    public static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Two decimals, rounded half away from zero, with the per-cent sign; the flag is decided on the exact value.</summary>
    public static string Percent(decimal value) =>
        decimal.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    public static string Yuan(decimal value) => decimal.Round(value, 0, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture);
}
