namespace Workflow.Domain.Register;

/// <summary>
/// One problem found while importing a register file: the 1-based line of the file, the Chinese column header and a
/// zh-CN reason. Reasons never repeat a 身份证号, because the error report is downloaded and passed around.
/// </summary>
public sealed record ImportError(int Line, string Column, string Reason);
