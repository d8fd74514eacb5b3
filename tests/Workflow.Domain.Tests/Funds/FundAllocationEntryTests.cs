using Workflow.Domain.Funds;
using Workflow.Domain.Register;

namespace Workflow.Domain.Tests.Funds;

public class FundAllocationEntryTests
{
    private static readonly County Places = new("532331", "测试县", [new Township("532331101", "碧城镇", [])]);

    [Fact]
    public void A_complete_allocation_to_a_known_township_is_read_with_an_id_from_the_county_township_and_document_number()
    {
        var (allocation, problems) = FundAllocationEntry.Read(new FundAllocationForm("碧城镇", "中央财政专项扶贫资金", 100_000m, " 县财字〔2026〕12号 ", "2026-03-02"), Places);
        Assert.Empty(problems);
        Assert.Equal(FundAllocationId.Of("532331", "532331101", "县财字〔2026〕12号"), allocation!.AllocationId);
        Assert.Equal("532331", FundAllocationId.CountyOf(allocation.AllocationId));
        Assert.Equal(("532331101", "县财字〔2026〕12号", new DateOnly(2026, 3, 2)), (allocation.TownshipCode, allocation.DocumentNumber, allocation.AllocatedOn));
    }

    [Fact]
    public void An_unknown_township_a_missing_source_a_bad_date_and_a_negative_amount_are_each_refused_in_Chinese()
    {
        var (allocation, problems) = FundAllocationEntry.Read(new FundAllocationForm("金山镇", " ", -1m, "县财字〔2026〕12号", "2026/03/02"), Places);
        Assert.Null(allocation);
        Assert.Equal(["本县没有乡镇「金山镇」。", "请填写资金来源。", "请按 yyyy-MM-dd 填写分配日期，例如 2026-03-02。", "金额必须大于零。"], problems);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("fund-532331")]
    [InlineData("fund-53233x-0123456789ab")]
    [InlineData("item-532331-0123456789ab")]
    public void What_is_not_an_allocation_id_has_no_county(string? id) => Assert.Null(FundAllocationId.CountyOf(id));
}
