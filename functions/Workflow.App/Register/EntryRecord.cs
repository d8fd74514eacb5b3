using Workflow.Domain.Entries;

namespace Workflow.App.Register;

/// <summary>
/// What an approved entry case (新识别 or 返贫) writes on the household's register row at 挂号: the case, the date and
/// the kind, and why the household came on. Seed 000: "实施动态管理，脱贫销号，返贫挂号，做到退出有标准、纳入有程序".
/// </summary>
/// <param name="EntryDate">挂号日期, the day the register was changed.</param>
public sealed record EntryRecord(string CaseId, DateOnly EntryDate, EntryKind Kind, string Reason);
