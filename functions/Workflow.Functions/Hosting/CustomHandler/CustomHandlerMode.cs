using System.Globalization;

namespace Workflow.Functions.Hosting.CustomHandler;

/// <summary>
/// 自定义处理程序模式: the Azure Functions host starts the executable with FUNCTIONS_CUSTOMHANDLER_PORT set and then
/// drives every trigger; without it the app runs standalone and triggers its own work.
/// </summary>
public static class CustomHandlerMode
{
    public const string PortSetting = "FUNCTIONS_CUSTOMHANDLER_PORT";

    // Read from configuration, which includes the environment: a test can switch the mode without touching the process.
    public static int? Port(IConfiguration configuration) =>
        configuration[PortSetting] is { Length: > 0 } port ? int.Parse(port, CultureInfo.InvariantCulture) : null;

    public static bool IsOn(IConfiguration configuration) => Port(configuration) is not null;
}
