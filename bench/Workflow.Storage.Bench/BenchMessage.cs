using System.Globalization;

namespace Workflow.Storage.Bench;

/// <summary>The text every queue send carries (about 100 characters, a typical work-item reference).</summary>
internal static class BenchMessage
{
    public static string Text(int index) =>
        "{\"kind\":\"submission-received\",\"submission\":\"" + index.ToString("D7", CultureInfo.InvariantCulture) +
        "\",\"tenant\":\"contoso\",\"attempt\":1}";
}
