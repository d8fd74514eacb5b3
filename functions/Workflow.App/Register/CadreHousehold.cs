using Workflow.Domain.Register;

namespace Workflow.App.Register;

/// <summary>A household as its 帮扶责任人's list shows it: who heads it, where, its 户编号 and status; no 身份证号.</summary>
public sealed record CadreHousehold(Cadre Cadre, string Number, string HeadName, string Township, string Village, PovertyStatus Status);
