using System.Globalization;
using Workflow.Domain.Entries;
using Workflow.Domain.Register;

namespace Workflow.App.Register;

/// <summary>
/// Writes the register back out in the county's own column layout, one row per member, township by township and
/// village by village, so it can be opened in Excel or imported again. 身份证号 are masked unless the caller may see them.
/// After the import layout come the columns of an exit case's 销号 (an import ignores them): 人均纯收入 stays the
/// registered figure, and the household visit's verified one stands beside it, so the two are never read as one.
/// </summary>
public sealed class RegisterExporter(RegisterStore store)
{
    /// <summary>The columns after the import layout: what the exit case that deregistered the household verified and when.</summary>
    public static IReadOnlyList<string> ExitColumns { get; } = ["退出核查人均纯收入", "退出核查指标", "退出案件", "销号日期"];

    /// <summary>The columns after the exit ones: the entry case (新识别, 返贫) that last registered the household (挂号).</summary>
    public static IReadOnlyList<string> EntryColumns { get; } = ["纳入类型", "纳入案件", "挂号日期"];

    /// <param name="county">The county with its places (<see cref="CountyDirectory.FindPlacesAsync"/>).</param>
    /// <param name="townshipCode">One township, or null for the whole county.</param>
    /// <param name="revealIdNumbers">Full 身份证号 for a caller whose role allows it; masked (532331********123X) otherwise.</param>
    /// <returns>The number of member rows written.</returns>
    public async Task<int> WriteCsvAsync(County county, string? townshipCode, bool revealIdNumbers, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(county);
        ArgumentNullException.ThrowIfNull(destination);
        var townships = county.Townships.Where(t => townshipCode is null || t.Code == townshipCode).ToList();
        if (townships.Count == 0)
        {
            throw new ArgumentException($"County {county.Code} has no township {townshipCode}.", nameof(townshipCode));
        }

        var rows = 0;
        await using var csv = new ExcelCsvWriter(destination);
        await csv.WriteRowAsync([.. RegisterColumns.InExportOrder, .. ExitColumns, .. EntryColumns], cancellationToken).ConfigureAwait(false);
        foreach (var township in townships)
        {
            var villageOrder = township.Villages.Select((village, index) => (village.Code, index)).ToDictionary(v => v.Code, v => v.index, StringComparer.Ordinal);
            var households = await store.ReadTownshipAsync(county.Code, township.Code, cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var registered in households
                         .OrderBy(h => villageOrder.GetValueOrDefault(h.VillageCode, int.MaxValue))
                         .ThenBy(h => h.Household.Number, StringComparer.Ordinal))
            {
                foreach (var member in registered.Household.Members)
                {
                    await csv.WriteRowAsync(Row(registered, member, revealIdNumbers), cancellationToken).ConfigureAwait(false);
                    rows++;
                }
            }
        }

        return rows;
    }

    /// <summary>The cells of one member's row, in <see cref="RegisterColumns.InExportOrder"/> then <see cref="ExitColumns"/> and <see cref="EntryColumns"/>.</summary>
    private static string?[] Row(RegisteredHousehold registered, Member member, bool revealIdNumbers)
    {
        var household = registered.Household;
        return
        [
            registered.Township,
            registered.Village,
            household.Number,
            household.Head.Name,
            member.Name,
            ChineseTerms.Of(member.Relationship),
            revealIdNumbers ? member.IdNumber.Reveal() : member.IdNumber.Mask(),
            member.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            household.Size.ToString(CultureInfo.InvariantCulture),
            ChineseTerms.Of(household.Cause),
            ChineseTerms.Of(household.Status),
            household.ExitYear?.ToString(CultureInfo.InvariantCulture),
            ChineseTerms.Of(household.Monitoring),
            household.Income.PerCapitaNetIncome.ToString(CultureInfo.InvariantCulture),
            household.Income.NetIncome?.ToString(CultureInfo.InvariantCulture),
            household.ResponsibleCadre,
            registered.Exit?.VerifiedPerCapitaNetIncome?.ToString(CultureInfo.InvariantCulture),
            registered.Exit is { } exit ? string.Join("；", exit.Indicators.Select(i => $"{i.Name} {i.Value}（标准 {i.Threshold}，{(i.Passed ? "达标" : "未达标")}）")) : null,
            registered.Exit?.CaseId,
            registered.Exit?.ExitDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            registered.Entry?.Kind.ChineseName(),
            registered.Entry?.CaseId,
            registered.Entry?.EntryDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ];
    }
}
