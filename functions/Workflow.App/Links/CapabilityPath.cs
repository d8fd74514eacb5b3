namespace Workflow.App.Links;

/// <summary>
/// 能力链接路径: what a path that carries a capability token looks like, and the same path with the token masked. A
/// token in a log lets whoever reads the log act on a pending approval, so every seam that writes a request's path
/// (the request log, the outbound request log) writes it through <see cref="Redact"/>; this is the one place that knows
/// which segment is the token. A test holds it to every route with a <c>{token}</c> parameter.
/// </summary>
public static class CapabilityPath
{
    public const string Mask = "***";

    // The area, then how many segments after it come before the token: /decide/{token}, /notices/{token},
    // /objections/{token}, /report/{token}, /monitor/{token}, /rectify/{kind}/{token}, /pay/{kind}/{token}, /loan-check/{token}, /loan-notice/{token},
    // /project/{kind}/{token}, /project-notice/{token}, /project-objection/{token}. What follows the token (evidence ids) stays.
    private static readonly Dictionary<string, int> TokenAreas = new(StringComparer.OrdinalIgnoreCase)
    {
        ["decide"] = 0,
        ["notices"] = 0,
        ["objections"] = 0,
        ["report"] = 0,
        ["monitor"] = 0,
        ["rectify"] = 1,
        ["pay"] = 1,
        ["loan-check"] = 0,
        ["loan-notice"] = 0,
        ["project"] = 1,
        ["project-notice"] = 0,
        ["project-objection"] = 0,
    };

    /// <summary>
    /// The path with each token segment replaced by <see cref="Mask"/>, as <c>/decide/***/evidence</c>. Only the path: a
    /// query string is not for a log at all. Routing ignores case, so areas are matched in any case, and anywhere in the
    /// path, so a path base before them does not hide a token.
    /// </summary>
    public static string Redact(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return path ?? string.Empty;
        }

        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (!TokenAreas.TryGetValue(segments[i], out var before))
            {
                continue;
            }

            var token = i + 1 + before;
            // A segment before the token (the rectification kind) is kept only when it is a plain word, as routing
            // expects; anything else there may itself be a token sent to a wrong or shortened address.
            for (var j = i + 1; j <= token && j < segments.Length; j++)
            {
                if (segments[j].Length > 0 && (j == token || !IsWord(segments[j])))
                {
                    segments[j] = Mask;
                }
            }

            i = token;
        }

        return string.Join('/', segments);
    }

    private static bool IsWord(string segment) => segment.Length is > 0 and <= 16 && segment.All(char.IsAsciiLetterLower);
}
