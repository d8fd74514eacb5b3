using Workflow.App.Links;
using Xunit;

namespace Workflow.App.Tests.Funds;

/// <summary>A fund link's token never reaches a log: /pay/{kind}/{token} is masked like /rectify/{kind}/{token}.</summary>
public sealed class FundLinkPathTests
{
    private const string Token = "eyJhbGciOiJIUzI1NiJ9.eyJzIjoiZnVuZCJ9.c2lnbmF0dXJl";

    [Theory]
    [InlineData("/pay/record/" + Token, "/pay/record/***")]
    [InlineData("/pay/request/" + Token, "/pay/request/***")]
    [InlineData("/pay/report/" + Token, "/pay/report/***")]
    [InlineData("/pay/" + Token, "/pay/***")]
    public void A_fund_link_path_is_logged_with_its_token_masked(string path, string logged) => Assert.Equal(logged, CapabilityPath.Redact(path));
}
