using System.Globalization;
using System.Text;

namespace Workflow.App.Identity;

/// <summary>
/// 返回地址: where a sign-in sends the browser afterwards. Only a page of this site, written as a path, is one: another
/// site (<c>https://…</c>, <c>//host</c>, <c>/\host</c>, which browsers read as <c>//host</c>) would make the sign-in an
/// open redirect; a control character would break the Location header (CRLF) or be dropped by the browser, turning
/// <c>/&#9;/host</c> into <c>//host</c>; a malformed escape or an address longer than any page's is no page at all.
/// </summary>
internal static class ReturnPath
{
    /// <summary>Longer than any address of this site's pages, filters included.</summary>
    public const int MaxLength = 2048;

    public const string Refusal = "返回地址必须是本站的页面地址：以 / 开头（例如 /exits?county=532331），不指向其他网站，不含控制字符，长度不超过 2048 个字符。";

    /// <summary>
    /// The path to return to, with every non-ASCII character percent-encoded as a browser sends it (a Location header is
    /// ASCII); <c>/</c> when none was given; null when <paramref name="value"/> is not a page of this site.
    /// </summary>
    public static string? Read(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "/";
        }

        if (value.Length > MaxLength || value[0] != '/' || (value.Length > 1 && value[1] is '/' or '\\'))
        {
            return null;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsControl(value[i]) || (value[i] == '%' && !IsEscape(value, i)))
            {
                return null;
            }
        }

        return Ascii(value);
    }

    private static bool IsEscape(string value, int at) =>
        at + 2 < value.Length && char.IsAsciiHexDigit(value[at + 1]) && char.IsAsciiHexDigit(value[at + 2]);

    private static string Ascii(string path)
    {
        var ascii = new StringBuilder(path.Length);
        Span<byte> utf8 = stackalloc byte[4];
        // A lone surrogate reads as U+FFFD, as a browser would send it.
        foreach (var rune in path.EnumerateRunes())
        {
            if (rune.IsAscii)
            {
                ascii.Append((char)rune.Value);
                continue;
            }

            foreach (var b in utf8[..rune.EncodeToUtf8(utf8)])
            {
                ascii.Append(CultureInfo.InvariantCulture, $"%{b:X2}");
            }
        }

        return ascii.ToString();
    }
}
