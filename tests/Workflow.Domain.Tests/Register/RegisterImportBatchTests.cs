using Workflow.Domain.Register;

namespace Workflow.Domain.Tests.Register;

public class RegisterImportBatchTests
{
    private static readonly Dictionary<ResidentIdNumber, string> NothingRegistered = [];

    private static RegisterImportBatch Batch(IReadOnlyDictionary<ResidentIdNumber, string>? registered = null) =>
        new(RegisterRows.Validator(), registered ?? NothingRegistered);

    private static Dictionary<string, string?> ThreePersonHead() => RegisterRows.Head(size: 3);

    [Fact]
    public void RowsOfOneHouseholdAreAssembledIntoIt()
    {
        var head = ThreePersonHead();
        var batch = Batch();
        batch.Add(head, 2);
        batch.Add(RegisterRows.MemberOf(head, "张秀英", "配偶", 22), 3);
        batch.Add(RegisterRows.MemberOf(head, "李明", "之子", 33), 4);

        var outcome = batch.Complete();

        Assert.Empty(outcome.Errors);
        var imported = Assert.Single(outcome.Households);
        Assert.Equal(("碧城镇", "大箐村"), (imported.Township, imported.Village));
        Assert.Equal([2, 3, 4], imported.Lines);
        var household = imported.Household;
        Assert.Equal(3, household.Size);
        Assert.Equal("李建国", household.Head.Name);
        Assert.Equal(2020, household.Income.Year);
        Assert.Equal(Sex.Male, household.Members[2].Sex);
        Assert.Equal(3, outcome.ImportedRowCount);
        Assert.Equal(0, outcome.RejectedRowCount);
    }

    [Fact]
    public void ADuplicateIdNumberInTheFileIsReportedOnTheSecondLine()
    {
        var batch = Batch();
        batch.Add(RegisterRows.Head("A1"), 2);
        var errors = batch.Add(RegisterRows.Head("A2", "王华").With(RegisterColumns.IdNumber, RegisterRows.Id(11)), 3);

        Assert.Equal([new ImportError(3, RegisterColumns.IdNumber, "身份证号与第2行重复")], errors);
        var outcome = batch.Complete();
        Assert.Equal("A1", Assert.Single(outcome.Households).Household.Number);
    }

    [Fact]
    public void AnIdNumberRegisteredInAnotherHouseholdIsReported()
    {
        var registered = new Dictionary<ResidentIdNumber, string> { [ResidentIdNumber.Parse(RegisterRows.Id(11))] = "5323311002000099" };

        var errors = Batch(registered).Add(RegisterRows.Head(), 2);

        Assert.Equal([new ImportError(2, RegisterColumns.IdNumber, "身份证号已登记在户编号5323311002000099中")], errors);
    }

    [Fact]
    public void ReimportingMembersOfTheSameHouseholdIsNotADuplicate()
    {
        var registered = new Dictionary<ResidentIdNumber, string> { [ResidentIdNumber.Parse(RegisterRows.Id(11))] = RegisterRows.Household };
        var batch = Batch(registered);

        Assert.Empty(batch.Add(RegisterRows.Head(), 2));
        Assert.Single(batch.Complete().Households);
    }

    [Fact]
    public void RowsOfOneHouseholdMustAgreeOnItsFacts()
    {
        var head = ThreePersonHead();
        var batch = Batch();
        batch.Add(head, 2);
        var errors = batch.Add(RegisterRows.MemberOf(head, "张秀英", "配偶", 22).With(RegisterColumns.PovertyCause, "因学").With(RegisterColumns.PerCapitaNetIncome, "6000"), 3);

        Assert.Equal(
            [
                new ImportError(3, RegisterColumns.PovertyCause, "致贫原因与同户第2行不一致"),
                new ImportError(3, RegisterColumns.PerCapitaNetIncome, "人均纯收入与同户第2行不一致"),
            ],
            errors);
    }

    [Fact]
    public void AHouseholdWithABadRowIsHeldBackAndItsOtherRowsAreReported()
    {
        var head = ThreePersonHead();
        var batch = Batch();
        batch.Add(head, 2);
        batch.Add(RegisterRows.MemberOf(head, "张秀英", "配偶", 22).With(RegisterColumns.IdNumber, "123"), 3);
        batch.Add(RegisterRows.MemberOf(head, "李明", "之子", 33), 4);
        batch.Add(RegisterRows.Head("B1", "王华", sequence: 44), 5);

        var outcome = batch.Complete();

        Assert.Equal("B1", Assert.Single(outcome.Households).Household.Number);
        Assert.Equal(
            [
                new ImportError(2, RegisterColumns.HouseholdNumber, "同户第3行有误，整户未导入"),
                new ImportError(3, RegisterColumns.IdNumber, "身份证号应为18位，实际为3位"),
                new ImportError(4, RegisterColumns.HouseholdNumber, "同户第3行有误，整户未导入"),
            ],
            outcome.Errors);
        Assert.Equal(4, outcome.RowCount);
        Assert.Equal(3, outcome.RejectedRowCount);
    }

    [Fact]
    public void TheDeclaredSizeMustMatchTheMemberRows()
    {
        var head = ThreePersonHead();
        var batch = Batch();
        batch.Add(head, 2);
        batch.Add(RegisterRows.MemberOf(head, "张秀英", "配偶", 22), 3);

        var outcome = batch.Complete();

        Assert.Empty(outcome.Households);
        Assert.Equal(
            [
                new ImportError(2, RegisterColumns.HouseholdSize, "家庭人口数为3，但文件中该户有2名成员"),
                new ImportError(3, RegisterColumns.HouseholdNumber, "同户第2行有误，整户未导入"),
            ],
            outcome.Errors);
    }

    [Fact]
    public void AHouseholdNeedsExactlyOneHead()
    {
        var head = RegisterRows.Head(size: 2);
        var noHead = Batch();
        noHead.Add(RegisterRows.MemberOf(head, "张秀英", "配偶", 22), 2);
        noHead.Add(RegisterRows.MemberOf(head, "李明", "之子", 33), 3);
        var twoHeads = Batch();
        twoHeads.Add(head, 2);
        twoHeads.Add(RegisterRows.MemberOf(head, "李建国", "户主", 22), 3);

        Assert.Contains(new ImportError(2, RegisterColumns.Relationship, $"户编号{RegisterRows.Household}没有与户主关系为「户主」的成员行"), noHead.Complete().Errors);
        Assert.Contains(new ImportError(3, RegisterColumns.Relationship, "同户第2行已是户主，一户只能有一名户主"), twoHeads.Complete().Errors);
    }

    [Fact]
    public void ImportingTheSameRowsTwiceGivesTheSameHouseholds()
    {
        var head = ThreePersonHead();
        Dictionary<string, string?>[] rows =
            [head, RegisterRows.MemberOf(head, "张秀英", "配偶", 22), RegisterRows.MemberOf(head, "李明", "之子", 33)];
        var first = Batch();
        for (var i = 0; i < rows.Length; i++) first.Add(rows[i], i + 2);
        var firstOutcome = first.Complete();
        var registered = firstOutcome.Households
            .SelectMany(h => h.Household.Members.Select(m => (m.IdNumber, h.Household.Number)))
            .ToDictionary(p => p.IdNumber, p => p.Number);

        var second = Batch(registered);
        for (var i = 0; i < rows.Length; i++) second.Add(rows[i], i + 2);
        var secondOutcome = second.Complete();

        Assert.Empty(secondOutcome.Errors);
        Assert.Equal(
            firstOutcome.Households.SelectMany(h => h.Household.Members).Select(m => m.IdNumber),
            secondOutcome.Households.SelectMany(h => h.Household.Members).Select(m => m.IdNumber));
    }

    [Fact]
    public void HeaderCheckReportsMissingAndRepeatedColumns()
    {
        var headers = RegisterColumns.InExportOrder.Where(c => c != RegisterColumns.IdNumber).Append("*姓名").ToList();

        var errors = RegisterColumns.CheckHeader(headers, 1);

        Assert.Equal(
            [
                new ImportError(1, RegisterColumns.MemberName, "表头「姓名」重复出现"),
                new ImportError(1, RegisterColumns.IdNumber, "缺少必填列「身份证号」"),
            ],
            errors);
        Assert.Empty(RegisterColumns.CheckHeader(RegisterColumns.InExportOrder, 1));
    }
}
