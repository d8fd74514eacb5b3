using Microsoft.Playwright;
using Xunit;

namespace Workflow.App.Tests.Browser;

/// <summary>The tour's checks on one page opened outside the tour: no serious or critical axe finding, nothing wider than the phone.</summary>
internal static class PhoneFit
{
    public static async Task AssertFitsAsync(IPage page, string what)
    {
        var problems = (await AccessibilityCheck.ProblemsAsync(page)).Concat(await OverflowCheck.ProblemsAsync(page, Viewport.Phone.Width)).ToList();
        Assert.True(problems.Count == 0, $"{what}:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }
}
