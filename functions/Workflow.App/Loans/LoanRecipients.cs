namespace Workflow.App.Loans;

/// <summary>
/// Who gets a loan's notices, written role@place like every recipient: the household's 帮扶责任人 (by name, at the
/// village), the township, and the 承贷银行's contact (by the bank's name, at the county). Pages and messages name
/// them (<see cref="NameOf"/>), never by code.
/// </summary>
public static class LoanRecipients
{
    public const string CadreRole = "ResponsibleCadre";
    public const string TownshipRole = "LoanTownship";
    public const string BankRole = "LoanBank";

    public static string Cadre(LoanRecord record) => $"{CadreRole}@{Check(record).VillageCode}:{record.ResponsibleCadre}";

    public static string Township(LoanRecord record) => $"{TownshipRole}@{Check(record).TownshipCode}";

    public static string Bank(LoanRecord record) => $"{BankRole}@{Check(record).CountyCode}:{record.Loan.Bank}";

    /// <summary>Every recipient of a notice, each with a short key for the message id.</summary>
    public static IReadOnlyList<(string Key, string Recipient)> All(LoanRecord record) =>
        [("cadre", Cadre(record)), ("township", Township(record)), ("bank", Bank(record))];

    /// <summary>e.g. 碧城镇竹湖村帮扶责任人李四, 碧城镇人民政府, 禄丰县农村信用合作联社（承贷银行）.</summary>
    public static string NameOf(string recipient, LoanRecord record)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        return recipient.Split('@', 2)[0] switch
        {
            CadreRole => $"{Check(record).Township}{record.Village}帮扶责任人{record.ResponsibleCadre}",
            TownshipRole => $"{Check(record).Township}人民政府",
            BankRole => $"{Check(record).Loan.Bank}（承贷银行）",
            _ => "指定接收人",
        };
    }

    private static LoanRecord Check(LoanRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record;
    }
}
