using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Workflow.App.Hosting;

namespace Workflow.App.Tests.Infrastructure;

/// <summary>
/// The configuration keys the code under functions/ reads, found in its source by the forms it reads them with:
/// <list type="bullet">
/// <item>on the configuration itself: <c>configuration["A:B"]</c>, <c>configuration.GetValue("A:B", ...)</c>,
/// <c>Environment.GetEnvironmentVariable("A")</c>;</item>
/// <item>on a section variable, under the section's path: <c>var section = configuration.GetSection("A")</c>, then
/// <c>section["B"]</c> or <c>section.GetValue(nameof(options.B), ...)</c> anywhere in the same file;</item>
/// <item>an options class bound to a section, <c>AddOptions&lt;T&gt;().Bind(configuration.GetSection("A"))</c> or
/// <c>section.GetSection("B").Get&lt;T&gt;()</c>: each publicly settable property of T, a dictionary as <c>{id}</c>.</item>
/// </list>
/// A key is a string literal, a <c>nameof</c>, or a string constant of the same file or of a named class. An argument
/// of another form is reported as unresolved, so a new way of reading configuration fails the test until it is taught here.
/// </summary>
internal static partial class ConfigurationKeysInCode
{
    public static IReadOnlySet<string> Read()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "functions"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .ToDictionary(f => f, File.ReadAllText);
        var classConstants = sources.Values.SelectMany(ClassConstants).GroupBy(c => c.Key).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (file, text) in sources)
        {
            var fileConstants = ConstantDeclaration().Matches(text).GroupBy(m => m.Groups["name"].Value).ToDictionary(g => g.Key, g => g.First().Groups["value"].Value, StringComparer.Ordinal);
            string Resolve(Group argument) => ResolveKey(argument.Value, fileConstants, classConstants)
                                              ?? $"<unresolved {argument.Value} in {Path.GetRelativePath(RepositoryRoot.Path, file)}>";

            var sections = new Dictionary<string, string>(StringComparer.Ordinal);
            string? PathOf(string receiver) => IsConfiguration(receiver) ? string.Empty : sections.GetValueOrDefault(receiver);
            string Join(string prefix, string key) => prefix.Length == 0 ? key : $"{prefix}:{key}";

            foreach (Match declaration in SectionVariable().Matches(text))
            {
                if (PathOf(declaration.Groups["receiver"].Value) is { } prefix)
                {
                    sections[declaration.Groups["name"].Value] = Join(prefix, Resolve(declaration.Groups["arg"]));
                }
            }

            foreach (Match read in KeyRead().Matches(text))
            {
                if (PathOf(read.Groups["receiver"].Value) is { } prefix)
                {
                    keys.Add(Join(prefix, Resolve(read.Groups["arg"])));
                }
            }

            foreach (Match read in EnvironmentRead().Matches(text))
            {
                keys.Add(Resolve(read.Groups["arg"]));
            }

            foreach (var bound in BoundOptions().Matches(text).Concat(GotOptions().Matches(text)))
            {
                if (PathOf(bound.Groups["receiver"].Value) is { } prefix)
                {
                    keys.UnionWith(OptionKeys(Join(prefix, Resolve(bound.Groups["arg"])), bound.Groups["type"].Value));
                }
            }
        }

        return keys;
    }

    private static bool IsConfiguration(string receiver) =>
        receiver.EndsWith("configuration", StringComparison.OrdinalIgnoreCase) || receiver == "GetRequiredService<IConfiguration>()";

    private static string? ResolveKey(string argument, Dictionary<string, string> fileConstants, Dictionary<string, string> classConstants) =>
        argument switch
        {
            ['"', .. var literal, '"'] => literal,
            _ when NameOf().Match(argument) is { Success: true } nameOf => nameOf.Groups["member"].Value,
            _ => fileConstants.GetValueOrDefault(argument) ?? classConstants.GetValueOrDefault(argument),
        };

    private static IEnumerable<KeyValuePair<string, string>> ClassConstants(string text)
    {
        var className = ClassDeclaration().Match(text) is { Success: true } declaration ? declaration.Groups["name"].Value : null;
        return className is null
            ? []
            : ConstantDeclaration().Matches(text).Select(m => KeyValuePair.Create($"{className}.{m.Groups["name"].Value}", m.Groups["value"].Value));
    }

    private static IEnumerable<string> OptionKeys(string prefix, string typeName)
    {
        var type = typeof(WorkflowApp).Assembly.GetTypes().SingleOrDefault(t => t.Name == typeName);
        if (type is null)
        {
            return [$"<options class {typeName} not found for {prefix}>"];
        }

        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod?.IsPublic == true || typeof(IDictionary).IsAssignableFrom(p.PropertyType))
            .Select(p => typeof(IDictionary).IsAssignableFrom(p.PropertyType) ? $"{prefix}:{p.Name}:{{id}}" : $"{prefix}:{p.Name}");
    }

    private const string Argument = """(?<arg>"[^"]*"|nameof\([\w.]+\)|[A-Z]\w*(?:\.[A-Z]\w*)?)""";
    private const string Receiver = @"(?<receiver>GetRequiredService<IConfiguration>\(\)|[\w.]+)";

    [GeneratedRegex("""(?:const|static readonly) string (?<name>\w+) = "(?<value>[^"]*)";""")]
    private static partial Regex ConstantDeclaration();

    [GeneratedRegex(@"^(?:public |internal |private )?(?:static |sealed |abstract )*(?:partial )?(?:class|record|struct) (?<name>\w+)", RegexOptions.Multiline)]
    private static partial Regex ClassDeclaration();

    [GeneratedRegex(@"nameof\((?:\w+\.)*(?<member>\w+)\)")]
    private static partial Regex NameOf();

    [GeneratedRegex(@"(?:var|IConfigurationSection) (?<name>\w+) = " + Receiver + @"\.GetSection\(" + Argument + @"\);")]
    private static partial Regex SectionVariable();

    [GeneratedRegex(Receiver + @"\??(?:\[" + Argument + @"\]|\.GetValue(?:<[^>()]+>)?\(" + Argument + ")")]
    private static partial Regex KeyRead();

    [GeneratedRegex(@"Environment\.GetEnvironmentVariable\(" + Argument + @"\)")]
    private static partial Regex EnvironmentRead();

    [GeneratedRegex(@"AddOptions<(?<type>\w+)>\(\)\.Bind\(" + Receiver + @"\.GetSection\(" + Argument + @"\)\)")]
    private static partial Regex BoundOptions();

    [GeneratedRegex(Receiver + @"\.GetSection\(" + Argument + @"\)\.Get<(?<type>\w+)>\(\)")]
    private static partial Regex GotOptions();
}
