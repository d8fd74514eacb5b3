using Workflow.Domain.Register;

namespace Workflow.App.Register;

/// <summary>What one import did: rows read, imported and rejected, households added, changed and unchanged, and every error.</summary>
/// <param name="Format">What the file was read as, in zh-CN (e.g. "CSV（GBK/GB18030 编码）").</param>
/// <param name="RowCount">Data rows in the file, blank rows not counted.</param>
/// <param name="Households">What was written; a re-import of the same file shows every household unchanged.</param>
/// <param name="Errors">Ordered by line, then column as in the export layout.</param>
public sealed record RegisterImportReport(
    Guid ImportId,
    string CountyCode,
    string FileName,
    string Format,
    int RowCount,
    int ImportedRowCount,
    RegisterWrite Households,
    IReadOnlyList<ImportError> Errors,
    TimeSpan Elapsed)
{
    public int RejectedRowCount => RowCount - ImportedRowCount;
}
