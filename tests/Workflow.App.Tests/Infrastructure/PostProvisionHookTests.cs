using System.Diagnostics;
using Xunit;

namespace Workflow.App.Tests.Infrastructure;

/// <summary>
/// infra/hooks/postprovision.sh against a stand-in for the Azure CLI (a script named az first on the PATH that answers
/// the secret list from a file and notes each secret set): the real vault is not reachable from here.
/// </summary>
public sealed class PostProvisionHookTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("postprovision-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Creates_each_missing_secret_once_with_48_random_bytes_and_leaves_existing_ones_alone()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "existing"), "links-key-k1\n");
        var az = Path.Combine(_folder, "az");
        await File.WriteAllTextAsync(az, """
            #!/usr/bin/env bash
            set -eu
            case "$*" in
              "keyvault secret list --vault-name kv-sample "*) cat "$FAKE_FOLDER/existing" ;;
              "keyvault secret set --vault-name kv-sample --name "*) echo "$7 $9" >> "$FAKE_FOLDER/set" ;;
              *) echo "unexpected: az $*" >&2; exit 2 ;;
            esac
            """.ReplaceLineEndings("\n"));
        Assert.False(OperatingSystem.IsWindows(), "The hook is a bash script; the project's machines run Linux.");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(az, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        await RunHookAsync("durable-message-signing-key links-key-k1 links-key-k2");

        var set = (await File.ReadAllLinesAsync(Path.Combine(_folder, "set"))).Select(l => l.Split(' ')).ToList();
        Assert.Equal(["durable-message-signing-key", "links-key-k2"], set.Select(s => s[0]));
        Assert.All(set, s => Assert.Equal(48, Convert.FromBase64String(s[1]).Length));
        Assert.NotEqual(set[0][1], set[1][1]);
    }

    private async Task RunHookAsync(string secretNames)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(InfraTemplates.Folder, "hooks", "postprovision.sh"));
        start.Environment["PATH"] = $"{_folder}:{Environment.GetEnvironmentVariable("PATH")}";
        start.Environment["FAKE_FOLDER"] = _folder;
        start.Environment["AZURE_KEY_VAULT_NAME"] = "kv-sample";
        start.Environment["GENERATED_SECRET_NAMES"] = secretNames;
        using var hook = Process.Start(start)!;
        var output = hook.StandardOutput.ReadToEndAsync();
        var errors = await hook.StandardError.ReadToEndAsync();
        await hook.WaitForExitAsync();
        Assert.True(hook.ExitCode == 0, $"The hook failed ({hook.ExitCode}): {errors}{await output}");
    }
}
