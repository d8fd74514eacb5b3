using System.Globalization;
using Workflow.Domain.Register;

namespace Workflow.Domain.Loans;

/// <summary>
/// Checks one row of a bank's ledger file on its own: every column present and readable, the amount positive, the due
/// date after the start. Each problem is reported by line and column in zh-CN; the limits of 000 are flags, not errors
/// (<see cref="SmallLoan.FlagsUnder"/>), since a loan the bank has made is a fact the county must see, not refuse.
/// </summary>
public static class LoanRowValidator
{
    /// <summary>Room for a bank's own numbering; letters, digits and - _ . only, so the number can key a table row and a workflow.</summary>
    public const int MaxLoanNumberLength = 40;

    private const int MaxTextLength = 100;

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyyMMdd", "yyyy.M.d", "yyyy年M月d日"];

    public static LoanRowResult Validate(IReadOnlyDictionary<string, string?> cells, int line)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var errors = new List<ImportError>();
        string Text(string column)
        {
            var text = cells.GetValueOrDefault(column)?.Trim() ?? string.Empty;
            if (text.Length == 0)
            {
                errors.Add(new ImportError(line, column, $"{column}不能为空"));
            }
            else if (text.Length > MaxTextLength)
            {
                errors.Add(new ImportError(line, column, $"{column}超过 {MaxTextLength} 个字"));
            }

            return text;
        }

        DateOnly? Date(string column)
        {
            var text = Text(column);
            if (text.Length == 0)
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            errors.Add(new ImportError(line, column, $"{column}「{text}」不是有效日期，应写作 2026-03-01"));
            return null;
        }

        var number = Text(LoanColumns.LoanNumber);
        if (number.Length > 0 && (number.Length > MaxLoanNumberLength || number.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))))
        {
            errors.Add(new ImportError(line, LoanColumns.LoanNumber, $"贷款编号只能由字母、数字和 - _ . 组成，最长 {MaxLoanNumberLength} 位"));
        }

        var household = Text(LoanColumns.HouseholdNumber);
        if (household.Length > 0 && household.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            errors.Add(new ImportError(line, LoanColumns.HouseholdNumber, $"户编号「{household}」只能由字母、数字和 - 组成"));
        }

        var borrower = Text(LoanColumns.Borrower);
        var amountText = Text(LoanColumns.Amount).Replace(",", string.Empty, StringComparison.Ordinal).Replace("，", string.Empty, StringComparison.Ordinal);
        decimal? amount = null;
        if (amountText.Length > 0)
        {
            if (!decimal.TryParse(amountText, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
            {
                errors.Add(new ImportError(line, LoanColumns.Amount, $"贷款金额「{amountText}」不是数字（单位：元）"));
            }
            else if (parsed <= 0)
            {
                errors.Add(new ImportError(line, LoanColumns.Amount, "贷款金额应大于 0 元"));
            }
            else if (decimal.Round(parsed, 2) != parsed)
            {
                errors.Add(new ImportError(line, LoanColumns.Amount, "贷款金额最多精确到分（两位小数）"));
            }
            else
            {
                amount = parsed;
            }
        }

        var start = Date(LoanColumns.StartDate);
        var due = Date(LoanColumns.DueDate);
        if (start is { } s && due is { } d && d <= s)
        {
            errors.Add(new ImportError(line, LoanColumns.DueDate, "到期日期应晚于放款日期"));
        }

        var bank = Text(LoanColumns.Bank);
        return errors.Count > 0
            ? LoanRowResult.Invalid(line, errors)
            : LoanRowResult.Valid(line, new SmallLoan(number, household, borrower, amount!.Value, start!.Value, due!.Value, bank));
    }
}
