namespace Workflow.Domain.Register;

/// <summary>
/// 帮扶责任人 as the register knows one: a name and the township of the households they hold.
/// </summary>
/// <remarks>
/// The register has only the cadre's name, and names repeat (张伟, 李娟): across a county of 14 townships, counting
/// every 张伟 as one person would refuse households for the load of namesakes. 003 has cadres assigned by the
/// district's organisation department and paired with households where they work, so the township tells namesakes
/// apart. The cost is the other way round: a cadre holding households in two townships counts as two. A cadre code
/// column in the county's template would remove both errors; until then, name + township is the assumption.
/// </remarks>
public sealed record Cadre(string Township, string Name)
{
    /// <summary>The cadre a validated row names.</summary>
    public static Cadre Of(RegisterRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new Cadre(row.Township, row.ResponsibleCadre);
    }

    /// <summary>The cadre as an error or a page names them: 「name」（township）.</summary>
    public override string ToString() => $"「{Name}」（{Township}）";
}
