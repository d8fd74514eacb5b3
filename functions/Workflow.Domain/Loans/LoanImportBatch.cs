using Workflow.Domain.Register;

namespace Workflow.Domain.Loans;

/// <summary>
/// The rows of one ledger file: each validated on its own, then a 贷款编号 seen on an earlier line is refused by line
/// (the first is kept, as issue 21 asks), and the good rows are kept with their flags. Whether the borrower is a
/// household of the register is for the caller, which reads the register (<see cref="Refuse"/>).
/// </summary>
public sealed class LoanImportBatch(LoanRules rules)
{
    private readonly Dictionary<string, int> _lineOfNumber = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(int Line, SmallLoan Loan)> _loans = [];
    private readonly List<ImportError> _errors = [];

    public int RowCount { get; private set; }

    /// <summary>The good rows so far, in file order, with their lines.</summary>
    public IReadOnlyList<(int Line, SmallLoan Loan)> Loans => _loans;

    public IReadOnlyList<ImportError> Errors => [.. _errors.OrderBy(e => e.Line).ThenBy(e => ColumnOrder(e.Column))];

    public void Add(IReadOnlyDictionary<string, string?> cells, int line)
    {
        RowCount++;
        var result = LoanRowValidator.Validate(cells, line);
        if (!result.IsValid)
        {
            _errors.AddRange(result.Errors);
            return;
        }

        if (_lineOfNumber.TryGetValue(result.Loan.LoanNumber, out var first))
        {
            _errors.Add(new ImportError(line, LoanColumns.LoanNumber, $"贷款编号「{result.Loan.LoanNumber}」与第{first}行重复，保留第{first}行，本行未导入"));
            return;
        }

        _lineOfNumber.Add(result.Loan.LoanNumber, line);
        _loans.Add((line, result.Loan));
    }

    /// <summary>Takes a good row back out with the reason (e.g. the borrower is not on the register).</summary>
    public void Refuse(int line, string column, string reason)
    {
        var index = _loans.FindIndex(l => l.Line == line);
        if (index >= 0)
        {
            _loans.RemoveAt(index);
        }

        _errors.Add(new ImportError(line, column, reason));
    }

    /// <summary>The kept loans over a limit of 000, by line.</summary>
    public IReadOnlyList<(int Line, SmallLoan Loan, IReadOnlyList<LoanExcess> Flags)> Flagged() =>
        [.. _loans.Select(l => (l.Line, l.Loan, l.Loan.FlagsUnder(rules))).Where(l => l.Item3.Count > 0)];

    private static int ColumnOrder(string column)
    {
        var index = LoanColumns.All.ToList().IndexOf(column);
        return index < 0 ? int.MaxValue : index;
    }
}
