using Microsoft.Playwright;

namespace Workflow.Testing.Browser;

/// <summary>
/// Screenshots a person can look at after a run, in the git-ignored <c>artifacts/</c>: the assertions prove a page works, the
/// picture shows whether it reads well on a phone. They go to the checkout, not the build output, so they are found
/// in one place whichever artifacts path the build used.
/// </summary>
public static class Screenshots
{
    public static string Folder { get; } = Path.Combine(RepositoryRoot.Path, "artifacts", "screenshots");

    /// <summary>Saves the whole page, not just the viewport, as <c>artifacts/screenshots/{name}.png</c>; returns its path.</summary>
    public static async Task<string> SaveAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new ArgumentException($"A screenshot name is a file name without folders: \"{name}\".", nameof(name));
        }

        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Type = ScreenshotType.Png });
        return path;
    }
}
