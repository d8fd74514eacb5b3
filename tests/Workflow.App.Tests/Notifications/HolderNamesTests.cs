using Workflow.App.Notifications;
using Workflow.Domain.Register;
using Xunit;

namespace Workflow.App.Tests.Notifications;

/// <summary>Who a recipient or a link's holder is, as a page names them: role and place in Chinese, never role@code.</summary>
public sealed class HolderNamesTests
{
    private static readonly County Places = new("532331", "禄丰县",
    [
        new Township("532331101", "碧城镇", [new Village("532331101200", "竹湖村", true, [])]),
        new Township("532331102", "勤丰镇", []),
    ]);

    [Theory]
    [InlineData("VillageCommittee@532331101200", "碧城镇竹湖村村两委")]
    [InlineData("WorkTeam@532331101200", "碧城镇竹湖村驻村工作队")]
    [InlineData("Household@532331101200", "碧城镇竹湖村拟退出户")]
    [InlineData("TownshipApprover@532331101", "碧城镇乡镇审核人")]
    [InlineData("TownshipLeader@532331102", "勤丰镇乡镇分管领导")]
    [InlineData("CountyOfficer@532331", "县扶贫办经办人")]
    [InlineData("CountyAdmin@532331", "县扶贫办负责人")]
    [InlineData("LeadUnit@532331:县教育局", "县教育局（牵头单位）")]
    [InlineData("县教育局@532331", "县教育局")]
    [InlineData("碧城镇人民政府@532331101", "碧城镇人民政府（碧城镇）")]
    public void A_holder_is_named_by_role_and_place(string holder, string name) =>
        Assert.Equal(name, HolderNames.Describe(holder, Places));

    [Theory]
    [InlineData("VillageCommittee@532331109999", "村两委（532331109999）")]
    [InlineData("TownshipApprover@532331109", "乡镇审核人（532331109）")]
    [InlineData("审批人", "审批人")]
    [InlineData("1@532331101", "1（碧城镇）")]
    public void A_place_the_directory_does_not_know_keeps_its_code_beside_the_role_name(string holder, string name) =>
        Assert.Equal(name, HolderNames.Describe(holder, Places));

    [Fact]
    public void Without_the_countys_places_a_role_is_still_named()
    {
        Assert.Equal("村两委（532331101200）", HolderNames.Describe("VillageCommittee@532331101200", null));
        Assert.Equal("县扶贫办经办人", HolderNames.Describe("CountyOfficer@532331", null));
    }

    [Theory]
    [InlineData("VillageCommittee@532331101200", "532331")]
    [InlineData("LeadUnit@532331:县教育局", "532331")]
    [InlineData("CountyOfficer@532331", "532331")]
    [InlineData("审批人", null)]
    [InlineData("x@53", null)]
    public void The_county_of_a_holder_is_the_first_six_digits_of_its_place(string holder, string? county) =>
        Assert.Equal(county, HolderNames.CountyOf(holder));
}
