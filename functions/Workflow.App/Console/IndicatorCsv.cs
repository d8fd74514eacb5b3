namespace Workflow.App.Console;

/// <summary>指标监测 as CSV: the county, then each township followed by its villages in code order, with the incidence verdict.</summary>
internal static class IndicatorCsv
{
    public static readonly string[] Header =
    [
        "级别", "乡镇代码", "乡镇", "村代码", "村", "贫困村", .. IndicatorFigures.Heads, "发生率结论",
    ];

    public static IEnumerable<string?[]> Rows(IndicatorDashboard d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var countyVerdict = IndicatorDashboard.Passes(d.CountyIncidence, d.County.IncidenceUpperBound) ? "达标" : "未确认达标";
        yield return ["全县", string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, .. IndicatorFigures.Of(d.County), countyVerdict];
        foreach (var t in d.Townships)
        {
            yield return ["乡镇", t.Township.Code, t.Township.Name, string.Empty, string.Empty, string.Empty, .. IndicatorFigures.Of(t.Figures),
                $"未确认达标的村 {IndicatorFigures.N(t.UnconfirmedVillages)} 个"];
            foreach (var v in d.Villages.Where(v => v.Township.Code == t.Township.Code).OrderBy(v => v.Village.Code, StringComparer.Ordinal))
            {
                yield return ["村", t.Township.Code, t.Township.Name, v.Village.Code, v.Village.Name, v.Village.IsPoorVillage ? "是" : "否", .. IndicatorFigures.Of(v.Figures),
                    v.IncidencePasses ? "达标" : "未确认达标"];
            }
        }
    }
}
