using Workflow.Domain.Register;

namespace Workflow.Domain.Tests.Register;

public class RegisterRowValidatorTests
{
    private readonly RegisterRowValidator _validator = RegisterRows.Validator();

    [Fact]
    public void AValidRowBecomesAMemberWithItsHouseholdFacts()
    {
        var result = _validator.Validate(RegisterRows.Head(), 2);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var row = result.Row;
        Assert.Equal(2, row.Line);
        Assert.Equal("碧城镇", row.Township);
        Assert.Equal(Relationship.Head, row.Member.Relationship);
        Assert.Equal(new DateOnly(1975, 3, 14), row.Member.BirthDate);
        Assert.Equal(PovertyCause.Illness, row.Cause);
        Assert.Equal(PovertyStatus.ExitedWithPolicy, row.Status);
        Assert.Equal(2018, row.ExitYear);
        Assert.Equal(MonitoringCategory.None, row.Monitoring);
        Assert.Equal(6250.50m, row.PerCapitaNetIncome);
        Assert.Null(row.NetIncome);
    }

    [Fact]
    public void HeadersAreMatchedAfterTrimmingBomSpacesAndRequiredMarkers()
    {
        var cells = RegisterRows.Head().ToDictionary(kv => kv.Key == RegisterColumns.Township ? "\uFEFF*乡镇 " : kv.Key, kv => kv.Value);

        Assert.True(_validator.Validate(cells, 2).IsValid);
    }

    [Theory]
    [InlineData(RegisterColumns.Township)]
    [InlineData(RegisterColumns.Village)]
    [InlineData(RegisterColumns.HouseholdNumber)]
    [InlineData(RegisterColumns.HeadName)]
    [InlineData(RegisterColumns.MemberName)]
    [InlineData(RegisterColumns.Relationship)]
    [InlineData(RegisterColumns.IdNumber)]
    [InlineData(RegisterColumns.HouseholdSize)]
    [InlineData(RegisterColumns.PovertyCause)]
    [InlineData(RegisterColumns.PovertyStatus)]
    [InlineData(RegisterColumns.PerCapitaNetIncome)]
    [InlineData(RegisterColumns.ResponsibleCadre)]
    public void EachRequiredCellIsReportedWhenBlank(string column)
    {
        var result = _validator.Validate(RegisterRows.Head().With(column, "  "), 7);

        var error = Assert.Single(result.Errors, e => e.Column == column);
        Assert.Equal(7, error.Line);
        Assert.Equal($"{column}为必填项，不能为空", error.Reason);
    }

    [Theory]
    [InlineData("53233119750314011", "身份证号应为18位，实际为17位")]
    [InlineData("5323311975031401XX", "身份证号只能由数字组成，最后一位可为X")]
    [InlineData("003233197503140116", "身份证号前两位不是有效的省级行政区划代码")]
    [InlineData("532331197502300118", "身份证号中的出生日期无效")]
    public void IdNumberProblemsAreExplainedInChinese(string id, string reason)
    {
        var error = Assert.Single(_validator.Validate(RegisterRows.Head().With(RegisterColumns.IdNumber, id), 3).Errors);

        Assert.Equal(new ImportError(3, RegisterColumns.IdNumber, reason), error);
    }

    [Fact]
    public void AWrongCheckCharacterIsReportedWithoutEchoingTheNumber()
    {
        var valid = RegisterRows.Id(11);
        var wrong = valid[..17] + (valid[17] == '0' ? '1' : '0');

        var error = Assert.Single(_validator.Validate(RegisterRows.Head().With(RegisterColumns.IdNumber, wrong), 4).Errors);

        Assert.Equal(RegisterColumns.IdNumber, error.Column);
        Assert.Equal("身份证号校验位错误，请核对号码是否录入有误", error.Reason);
        Assert.DoesNotContain(wrong[6..14], error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ABirthDateAfterTheImportDateIsRejected()
    {
        var row = RegisterRows.Head()
            .With(RegisterColumns.IdNumber, IdNumbers.ForBirthDate(new DateOnly(2021, 1, 5)))
            .With(RegisterColumns.BirthDate, null);

        var error = Assert.Single(_validator.Validate(row, 5).Errors);
        Assert.Equal("身份证号中的出生日期晚于导入日期", error.Reason);
    }

    [Theory]
    [InlineData("1975/3/14")]
    [InlineData("19750314")]
    [InlineData("1975年3月14日")]
    [InlineData("1975.3.14")]
    public void BirthDatesAreReadInTheFormatsCountiesUse(string date) =>
        Assert.True(_validator.Validate(RegisterRows.Head().With(RegisterColumns.BirthDate, date), 2).IsValid);

    [Fact]
    public void AnInvalidBirthDateIsReported()
    {
        var error = Assert.Single(_validator.Validate(RegisterRows.Head().With(RegisterColumns.BirthDate, "1975-02-30"), 9).Errors);

        Assert.Equal(new ImportError(9, RegisterColumns.BirthDate, "出生日期「1975-02-30」不是有效日期，应为如 2018-06-30 的格式"), error);
    }

    [Fact]
    public void ABirthDateThatContradictsTheIdNumberIsReported()
    {
        var error = Assert.Single(_validator.Validate(RegisterRows.Head().With(RegisterColumns.BirthDate, "1975-03-15"), 2).Errors);

        Assert.Equal(new ImportError(2, RegisterColumns.BirthDate, "出生日期与身份证号中的出生日期不一致"), error);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("31")]
    [InlineData("三")]
    [InlineData("2.5")]
    [InlineData("-1")]
    public void HouseholdSizeMustBeAWholeNumberInRange(string size)
    {
        var error = Assert.Single(_validator.Validate(RegisterRows.Head().With(RegisterColumns.HouseholdSize, size), 2).Errors);

        Assert.Equal(new ImportError(2, RegisterColumns.HouseholdSize, "家庭人口数应为1至30之间的整数"), error);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-100")]
    [InlineData("1e5")]
    public void IncomeMustBeANonNegativeNumber(string income)
    {
        var error = Assert.Single(_validator.Validate(RegisterRows.Head().With(RegisterColumns.PerCapitaNetIncome, income), 2).Errors);

        Assert.Equal(new ImportError(2, RegisterColumns.PerCapitaNetIncome, "人均纯收入应为不小于0的数字（单位：元）"), error);
    }

    [Fact]
    public void UnknownTermsListTheAcceptedOnes()
    {
        var error = Assert.Single(_validator.Validate(RegisterRows.Head().With(RegisterColumns.PovertyStatus, "已脱贫"), 2).Errors);

        Assert.Equal(RegisterColumns.PovertyStatus, error.Column);
        Assert.Equal("脱贫属性「已脱贫」无法识别，可填：未脱贫、已脱贫享受政策、脱贫不享受政策", error.Reason);
    }

    [Theory]
    [InlineData("监测户", MonitoringCategory.Monitored)]
    [InlineData("脱贫不稳定户", MonitoringCategory.Monitored)]
    [InlineData("边缘易致贫户", MonitoringCategory.Edge)]
    [InlineData("", MonitoringCategory.None)]
    public void MonitoringCategoryAcceptsTheUsualSpellingsAndDefaultsToNone(string cell, MonitoringCategory expected) =>
        Assert.Equal(expected, _validator.Validate(RegisterRows.Head().With(RegisterColumns.MonitoringCategory, cell), 2).Row?.Monitoring);

    [Fact]
    public void AnUnknownTownshipIsReported()
    {
        var error = Assert.Single(_validator.Validate(RegisterRows.Head().With(RegisterColumns.Township, "黑井镇"), 6).Errors);

        Assert.Equal(new ImportError(6, RegisterColumns.Township, "乡镇「黑井镇」不在本县乡镇名单中"), error);
    }

    [Fact]
    public void AVillageOfAnotherTownshipIsReported()
    {
        var error = Assert.Single(_validator.Validate(RegisterRows.Head().With(RegisterColumns.Village, "石坝村"), 6).Errors);

        Assert.Equal(new ImportError(6, RegisterColumns.Village, "行政村「石坝村」不属于乡镇「碧城镇」"), error);
    }

    [Fact]
    public void TheHeadRowMustNameTheHead()
    {
        var error = Assert.Single(_validator.Validate(RegisterRows.Head().With(RegisterColumns.MemberName, "李建华"), 2).Errors);

        Assert.Equal(new ImportError(2, RegisterColumns.MemberName, "户主行的姓名应与户主姓名一致"), error);
    }

    [Fact]
    public void ExitYearGoesWithExitedStatusOnly()
    {
        var notExited = RegisterRows.Head().With(RegisterColumns.PovertyStatus, "未脱贫");
        var exitedWithoutYear = RegisterRows.Head().With(RegisterColumns.ExitYear, null);

        Assert.Equal("未脱贫户不应填写脱贫年度", Assert.Single(_validator.Validate(notExited, 2).Errors).Reason);
        Assert.Equal("已脱贫户须填写脱贫年度", Assert.Single(_validator.Validate(exitedWithoutYear, 2).Errors).Reason);
        Assert.True(_validator.Validate(notExited.With(RegisterColumns.ExitYear, null), 2).IsValid);
    }

    [Fact]
    public void ExitYearBefore2014OrAfterTodayIsRejected()
    {
        Assert.Equal("脱贫年度应为2014至2020之间的整数", Assert.Single(_validator.Validate(RegisterRows.Head().With(RegisterColumns.ExitYear, "2013"), 2).Errors).Reason);
        Assert.Equal("脱贫年度应为2014至2020之间的整数", Assert.Single(_validator.Validate(RegisterRows.Head().With(RegisterColumns.ExitYear, "2021"), 2).Errors).Reason);
    }

    [Fact]
    public void AllProblemsOfARowAreReportedTogether()
    {
        var row = RegisterRows.Head()
            .With(RegisterColumns.Township, null)
            .With(RegisterColumns.IdNumber, "123")
            .With(RegisterColumns.HouseholdSize, "x")
            .With(RegisterColumns.PovertyCause, "因穷");

        var result = _validator.Validate(row, 12);

        Assert.False(result.IsValid);
        Assert.Equal(
            [RegisterColumns.Township, RegisterColumns.IdNumber, RegisterColumns.HouseholdSize, RegisterColumns.PovertyCause],
            result.Errors.Select(e => e.Column).ToArray());
        Assert.All(result.Errors, e => Assert.Equal(12, e.Line));
        Assert.Equal(RegisterRows.Household, result.HouseholdNumber);
    }
}
