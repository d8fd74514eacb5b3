using System.Globalization;

namespace Workflow.App.Projects;

/// <summary>
/// The keys a project's links and waits are bound to. A step can be reached more than once (退回 and 异议成立 send the
/// project back to its proposal), so a step's key is its code and its round, the number of steps ended before it
/// (“village-review.1”); an objection review adds its number (“village-notice.2.objection-1”). A link is spent once per
/// key, so a link of an earlier round can never decide the step again.
/// </summary>
public static class ProjectStepKeys
{
    private const string ReviewMark = ".objection-";

    public static string Of(string step, int round) => string.Create(CultureInfo.InvariantCulture, $"{step}.{round}");

    public static string Review(string stepKey, int review) => string.Create(CultureInfo.InvariantCulture, $"{stepKey}{ReviewMark}{review}");

    /// <summary>Reads a key: the step's code, its round and the review number (null for the step itself); null when it is no key.</summary>
    public static (string Step, int Round, int? Review)? Read(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        int? review = null;
        var mark = key.IndexOf(ReviewMark, StringComparison.Ordinal);
        if (mark >= 0)
        {
            if (!int.TryParse(key[(mark + ReviewMark.Length)..], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return null;
            }

            review = number;
            key = key[..mark];
        }

        var dot = key.LastIndexOf('.');
        return dot > 0 && int.TryParse(key[(dot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var round) ? (key[..dot], round, review) : null;
    }
}
