namespace Workflow.App.Entries;

/// <summary>
/// The household a 新识别 case proposes, as checked at the start, kept until 挂号 writes it on the register: the case
/// row keeps names and a masked 身份证号 only, as for exits.
/// </summary>
public sealed record EntryProposal(string TownshipCode, string Township, string VillageCode, string Village, NewEntryRequest Request);
