using System.Text.RegularExpressions;

namespace Workflow.App.Tests.Infrastructure;

/// <summary>
/// The Bicep files in infra/, read as text: the Bicep compiler cannot be installed here, so the tests read the few
/// shapes the templates keep to (one setting per line, names as literals, string arrays one item per line).
/// </summary>
internal static partial class InfraTemplates
{
    public static string Folder { get; } = Path.Combine(RepositoryRoot.Path, "infra");

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Folder, relativePath));

    public static IEnumerable<string> AllFiles() =>
        Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories).Where(f => f.EndsWith(".bicep", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal));

    /// <summary>
    /// The Function App's app settings, name → Bicep value expression. A name built from a loop variable
    /// (<c>'Links__Keys__${id}'</c>) is given with that variable in braces (<c>Links__Keys__{id}</c>).
    /// Settings in conditional groups (<c>empty(x) ? {} : {...}</c>) are included: the test asks whether the templates can set them.
    /// </summary>
    public static IReadOnlyDictionary<string, string> AppSettings()
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in Read("modules/functionapp.bicep").Split('\n').Select(l => l.Trim()))
        {
            if (SettingLine().Match(line) is { Success: true } setting)
            {
                settings.Add(setting.Groups["name"].Value, setting.Groups["value"].Value);
            }
            else if (LoopSettingLine().Match(line) is { Success: true } loop)
            {
                settings.Add(loop.Groups["name"].Value.Replace("${", "{", StringComparison.Ordinal), loop.Groups["value"].Value);
            }
        }

        return settings;
    }

    /// <summary>The items of a one-item-per-line string array <c>var {name} = [ ... ]</c> in a template.</summary>
    public static IReadOnlyList<string> StringArray(string relativePath, string variable)
    {
        var text = Read(relativePath);
        var start = text.IndexOf($"var {variable} = [", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException($"{relativePath} has no array {variable}.");
        }

        var body = text[(text.IndexOf('[', start) + 1)..text.IndexOf(']', start)];
        return [.. body.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => l.Trim('\''))];
    }

    /// <summary>The literal value of <c>var {name} = '...'</c> in a template.</summary>
    public static string StringVariable(string relativePath, string variable) =>
        Regex.Match(Read(relativePath), $@"^var {Regex.Escape(variable)} = '([^']*)'", RegexOptions.Multiline) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException($"{relativePath} has no string variable {variable}.");

    /// <summary>A Key Vault reference, <c>'@Microsoft.KeyVault(VaultName=...;SecretName=...)'</c>; its secret name, or null.</summary>
    public static string? KeyVaultSecretName(string value) =>
        KeyVaultReference().Match(value) is { Success: true } match ? match.Groups["secret"].Value.Replace("${", "{", StringComparison.Ordinal) : null;

    // An app setting is a name with a double underscore (a configuration path), an upper-case platform name or a Functions host switch (AzureWebJobs…).
    [GeneratedRegex(@"^(?<name>[A-Za-z][A-Za-z0-9]*__[A-Za-z0-9_]+|[A-Z][A-Z0-9]*_[A-Z0-9_]+|AzureWebJobs[A-Za-z]+): (?<value>.+)$")]
    private static partial Regex SettingLine();

    [GeneratedRegex(@"toObject\(\w+, \w+ => '(?<name>[^']+)', \w+ => (?<value>.+)\)$")]
    private static partial Regex LoopSettingLine();

    [GeneratedRegex(@"^'@Microsoft\.KeyVault\(VaultName=\$\{keyVaultName\};SecretName=(?<secret>[a-z0-9-]+(\$\{\w+\})?)\)'$")]
    private static partial Regex KeyVaultReference();
}
