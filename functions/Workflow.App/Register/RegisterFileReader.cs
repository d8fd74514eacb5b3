using Workflow.Domain.Register;

namespace Workflow.App.Register;

/// <summary>
/// Turns an uploaded file into a <see cref="RegisterSheet"/>. The extension says what the person meant to send and
/// the first bytes what they did send; when the two disagree the file is refused with a reason, not guessed at.
/// </summary>
public static class RegisterFileReader
{
    private static readonly byte[] ZipSignature = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>Compound File (OLE) signature: Excel 97-2003 .xls, or a protected .xlsx.</summary>
    private static readonly byte[] CompoundFileSignature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <exception cref="RegisterFileRejectedException">The file cannot be read as a register; the message says why, in zh-CN.</exception>
    public static RegisterSheet Read(string fileName, byte[] content) => Read(fileName, content, RegisterColumns.InExportOrder);

    /// <summary>Reads a file of another kind with the same rules (e.g. a findings list); <paramref name="columns"/> find its header row.</summary>
    /// <exception cref="RegisterFileRejectedException">The file cannot be read; the message says why, in zh-CN.</exception>
    public static RegisterSheet Read(string fileName, byte[] content, IReadOnlyCollection<string> columns)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == 0)
        {
            throw new RegisterFileRejectedException("文件是空的。");
        }

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var isZip = content.AsSpan().StartsWith(ZipSignature);
        var isCompoundFile = content.AsSpan().StartsWith(CompoundFileSignature);
        return extension switch
        {
            ".xlsx" when isZip => XlsxRegisterFile.Read(content, columns),
            ".xlsx" when isCompoundFile => throw new RegisterFileRejectedException("该 .xlsx 文件设置了打开密码（已加密），无法读取。请取消密码后重新导入。"),
            ".xlsx" => throw new RegisterFileRejectedException("文件扩展名是 .xlsx，但内容不是 Excel 工作簿。"),
            ".csv" or ".txt" when isZip || isCompoundFile => throw new RegisterFileRejectedException(
                $"文件扩展名是 {extension}，但内容是 Excel 工作簿。请另存为「CSV UTF-8（逗号分隔）」，或以 .xlsx 文件导入。"),
            ".csv" or ".txt" => CsvRegisterFile.Read(content, columns),
            ".xls" => throw new RegisterFileRejectedException("不支持 Excel 97-2003 工作簿（.xls）。请在 Excel 或 WPS 中另存为 .xlsx 或「CSV UTF-8（逗号分隔）」后导入。"),
            _ => throw new RegisterFileRejectedException($"只能导入 .csv 或 .xlsx 文件，收到的文件扩展名是「{extension}」。"),
        };
    }
}
