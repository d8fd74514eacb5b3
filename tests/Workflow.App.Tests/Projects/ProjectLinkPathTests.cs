using Workflow.App.Links;
using Xunit;

namespace Workflow.App.Tests.Projects;

/// <summary>A project link's token never reaches a log: /project/{kind}/{token}, /project-notice/{token} and /project-objection/{token} are masked.</summary>
public sealed class ProjectLinkPathTests
{
    private const string Token = "eyJhbGciOiJIUzI1NiJ9.eyJzIjoicHJvaiJ9.c2lnbmF0dXJl";

    [Theory]
    [InlineData("/project/step/" + Token, "/project/step/***")]
    [InlineData("/project/review/" + Token, "/project/review/***")]
    [InlineData("/project/quarter/" + Token, "/project/quarter/***")]
    [InlineData("/project/" + Token, "/project/***")]
    [InlineData("/project-notice/" + Token, "/project-notice/***")]
    [InlineData("/project-objection/" + Token, "/project-objection/***")]
    [InlineData("/api/projects/proj-532331-0f3a", "/api/projects/proj-532331-0f3a")]
    public void A_project_link_path_is_logged_with_its_token_masked(string path, string logged) => Assert.Equal(logged, CapabilityPath.Redact(path));
}
