using Workflow.Domain.Register;

namespace Workflow.Domain.Tests.Register;

public class HouseholdTests
{
    private static Member Person(string name, Relationship relationship, int sequence) =>
        new(name, ResidentIdNumber.Parse(RegisterRows.Id(sequence)), relationship);

    private static Household Create(IReadOnlyList<Member> members, PovertyStatus status = PovertyStatus.NotExited, int? exitYear = null) =>
        new("H1", members, PovertyCause.LackOfSkills, status, exitYear, MonitoringCategory.Edge, new HouseholdIncome(2020, 4100m, 8200m), "王芳");

    [Fact]
    public void SizeAndHeadComeFromTheMembers()
    {
        var household = Create([Person("张秀英", Relationship.Spouse, 2), Person("李建国", Relationship.Head, 1)]);

        Assert.Equal(2, household.Size);
        Assert.Equal("李建国", household.Head.Name);
    }

    [Fact]
    public void AHouseholdHasExactlyOneHead()
    {
        Assert.Throws<ArgumentException>(() => Create([Person("张秀英", Relationship.Spouse, 2)]));
        Assert.Throws<ArgumentException>(() => Create([Person("李建国", Relationship.Head, 1), Person("李建华", Relationship.Head, 3)]));
    }

    [Fact]
    public void AnExitYearGoesWithAnExitedStatus()
    {
        Member[] members = [Person("李建国", Relationship.Head, 1)];

        Assert.Throws<ArgumentException>(() => Create(members, PovertyStatus.NotExited, 2019));
        Assert.Throws<ArgumentException>(() => Create(members, PovertyStatus.ExitedWithPolicy));
        Assert.Equal(2019, Create(members, PovertyStatus.ExitedNoPolicy, 2019).ExitYear);
    }

    [Fact]
    public void IncomeCannotBeNegative() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new HouseholdIncome(2020, -1m));

    [Fact]
    public void EnumsRoundTripThroughTheirChineseTerms()
    {
        Assert.Equal("因病", ChineseTerms.Of(PovertyCause.Illness));
        Assert.Equal("自身发展动力不足", ChineseTerms.Of(PovertyCause.LackOfDrive));
        Assert.Equal("脱贫不享受政策", ChineseTerms.Of(PovertyStatus.ExitedNoPolicy));
        Assert.True(ChineseTerms.TryParse<Relationship>(" 之女 ", out var daughter));
        Assert.Equal(Relationship.Daughter, daughter);
        foreach (var cause in Enum.GetValues<PovertyCause>())
        {
            Assert.True(ChineseTerms.TryParse<PovertyCause>(ChineseTerms.Of(cause), out var parsed));
            Assert.Equal(cause, parsed);
        }
    }
}
