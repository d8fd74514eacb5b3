using FsCheck;
using FsCheck.Fluent;
using Workflow.Domain.Register;

namespace Workflow.Domain.Tests.Register;

public class ResidentIdNumberTests
{
    private static readonly Config Properties = Config.QuickThrowOnFailure.WithMaxTest(500);

    [Fact]
    public void TheStandardsExampleNumberParsesWithBirthDateAndSex()
    {
        var id = ResidentIdNumber.Parse("11010519491231002X");

        Assert.Equal(new DateOnly(1949, 12, 31), id.BirthDate);
        Assert.Equal(Sex.Female, id.Sex);
        Assert.Equal("110105", id.RegionCode);
    }

    [Fact]
    public void LowerCaseXAndSurroundingSpacesAreAccepted()
    {
        Assert.True(ResidentIdNumber.TryParse(" 11010519491231002x ", out var id));
        Assert.Equal("11010519491231002X", id.Reveal());
    }

    [Theory]
    [InlineData(null, ResidentIdProblem.Missing)]
    [InlineData("", ResidentIdProblem.Missing)]
    [InlineData("11010519491231002", ResidentIdProblem.WrongLength)]
    [InlineData("11010519491231002X1", ResidentIdProblem.WrongLength)]
    [InlineData("1101051949123100AX", ResidentIdProblem.InvalidCharacter)]
    [InlineData("110105X94912310021", ResidentIdProblem.InvalidCharacter)]
    [InlineData("11010519491231002Y", ResidentIdProblem.InvalidCharacter)]
    [InlineData("99010519491231002X", ResidentIdProblem.UnknownRegion)]
    [InlineData("110105194902300028", ResidentIdProblem.InvalidBirthDate)]
    [InlineData("440524188001010014", ResidentIdProblem.InvalidBirthDate)]
    [InlineData("110105194912310021", ResidentIdProblem.CheckCharacterMismatch)]
    public void InvalidNumbersReportWhyTheyFail(string? text, ResidentIdProblem expected)
    {
        Assert.False(ResidentIdNumber.TryParse(text, out _, out var problem));
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void ToStringRendersOnlyTheMask()
    {
        var id = ResidentIdNumber.Parse("11010519491231002X");

        Assert.Equal("110105********002X", id.Mask());
        Assert.Equal(id.Mask(), id.ToString());
        Assert.Equal(id.Mask(), $"{id}");
        Assert.DoesNotContain("19491231", new Member("张三", id, Relationship.Head).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EqualityIsByNumber()
    {
        Assert.Equal(ResidentIdNumber.Parse("11010519491231002X"), ResidentIdNumber.Parse("11010519491231002x"));
        Assert.True(ResidentIdNumber.Parse("11010519491231002X") == ResidentIdNumber.Parse("11010519491231002X"));
    }

    [Fact]
    public void EveryGeneratedValidNumberValidates() =>
        Check.One(Properties, Prop.ForAll(IdNumbers.ValidArbitrary, id =>
            ResidentIdNumber.TryParse(id.Reveal(), out var parsed) && parsed == id));

    [Fact]
    public void AnySingleCharacterChangeBreaksTheNumber()
    {
        var changes =
            from id in IdNumbers.Valid
            from position in Gen.Choose(0, 17)
            from replacement in Gen.Elements("0123456789X".ToCharArray())
            where id.Reveal()[position] != replacement
            select (Id: id.Reveal(), Position: position, Replacement: replacement);

        Check.One(Properties, Prop.ForAll(Arb.From(changes), change =>
        {
            var changed = change.Id.ToCharArray();
            changed[change.Position] = change.Replacement;
            return !ResidentIdNumber.TryParse(new string(changed), out _);
        }));
    }

    [Fact]
    public void MaskingNeverRevealsTheMiddleDigits() =>
        Check.One(Properties, Prop.ForAll(IdNumbers.ValidArbitrary, id =>
        {
            var full = id.Reveal();
            var mask = id.Mask();
            return mask.Length == 18
                && mask[..6] == full[..6]
                && mask[6..14] == "********"
                && mask[14..] == full[14..]
                && id.ToString() == mask;
        }));

    [Fact]
    public void SexFollowsTheParityOfTheSeventeenthDigit() =>
        Check.One(Properties, Prop.ForAll(IdNumbers.ValidArbitrary, id =>
            id.Sex == ((id.Reveal()[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female)));
}
