using Workflow.Domain.Rectification;
using Workflow.Domain.Register;

namespace Workflow.Domain.Tests.Rectification;

public class FindingRowValidatorTests
{
    private static readonly County County = new("220881", "洮南市", [new Township("220881101", "洮府街道", []), new Township("220881102", "瓦房镇", [])]);

    private readonly FindingRowValidator _validator = new(County, 2018);

    private static Dictionary<string, string?> Row(string source = "第三方评估", string category = "精准识别", string description = "1户漏评",
        string? township = "瓦房镇", string unit = "瓦房镇人民政府", string deadline = "2018年9月30日") => new()
    {
        [FindingColumns.Source] = source,
        [FindingColumns.Category] = category,
        [FindingColumns.Description] = description,
        [FindingColumns.Township] = township,
        [FindingColumns.ResponsibleUnit] = unit,
        [FindingColumns.Deadline] = deadline,
    };

    [Fact]
    public void A_good_row_becomes_a_finding_with_the_township_by_name_or_code()
    {
        var byName = _validator.Validate(Row(), 2).Finding!;
        var byCode = _validator.Validate(Row(township: "220881102", source: "第三方"), 3).Finding!;

        Assert.Equal(new Finding(FindingSource.ThirdPartyEvaluation, "精准识别", "1户漏评", "瓦房镇人民政府", "220881102", "瓦房镇", new DateOnly(2018, 9, 30)), byName);
        Assert.Equal(byName, byCode);
        Assert.Null(_validator.Validate(Row(township: "  "), 4).Finding!.TownshipCode);
    }

    [Fact]
    public void Every_problem_of_a_row_is_reported_by_its_column()
    {
        var result = _validator.Validate(Row(source: "暗访", category: "", township: "城关镇", unit: new string('局', 51), deadline: "2017-12-31"), 7);

        Assert.Null(result.Finding);
        Assert.Equal(
            [(7, "来源"), (7, "类别"), (7, "责任单位"), (7, "乡镇"), (7, "整改时限")],
            result.Errors.Select(e => (e.Line, e.Column)));
        Assert.Contains("可填：国检、省检、市检、第三方评估、巡察、审计", result.Errors[0].Reason, StringComparison.Ordinal);
        Assert.Contains("不能超过50字", result.Errors[2].Reason, StringComparison.Ordinal);
        Assert.Contains("2018年或2019年", result.Errors[4].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_without_a_required_column_or_with_a_repeated_one_is_reported()
    {
        var errors = FindingColumns.CheckHeader(["来源", "*类别", "问题描述", "问题描述", "整改时限"], 2);

        Assert.Equal([("问题描述", "表头「问题描述」重复出现"), ("责任单位", "缺少必填列「责任单位」")], errors.Select(e => (e.Column, e.Reason)));
    }

    [Fact]
    public void A_batch_keeps_good_rows_once_and_reports_repeats()
    {
        IEnumerable<(int, IReadOnlyDictionary<string, string?>)> rows = [(2, Row()), (3, Row(description: "")), (4, Row(description: "1户漏评 ")), (5, Row(description: "2户错退"))];

        var outcome = FindingImportBatch.Check("220881", 2018, _validator, FindingColumns.InOrder, 1, rows);

        Assert.Equal([2, 5], outcome.Findings.Select(f => f.Line));
        Assert.Equal([(3, "问题描述"), (4, "问题描述")], outcome.Errors.Select(e => (e.Line, e.Column)));
        Assert.Contains("与第2行为同一问题", outcome.Errors[1].Reason, StringComparison.Ordinal);
    }
}
