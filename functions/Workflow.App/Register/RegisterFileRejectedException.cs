namespace Workflow.App.Register;

/// <summary>
/// An import file that cannot be read as a register at all (wrong format, undecidable encoding, damaged workbook);
/// the message is zh-CN and tells the person what to do. Problems of single rows are import errors instead.
/// </summary>
public sealed class RegisterFileRejectedException(string reason) : Exception(reason);
