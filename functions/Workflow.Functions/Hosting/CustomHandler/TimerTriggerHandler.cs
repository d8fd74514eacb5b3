using System.Text.Json;

namespace Workflow.Functions.Hosting.CustomHandler;

/// <summary>定时触发: one run of a <see cref="ScheduledWork"/>, the same work the standalone scheduler runs.</summary>
internal sealed class TimerTriggerHandler(IServiceProvider services)
{
    public const string TriggerType = "timerTrigger";
    public const string Binding = "timer";

    public async Task<InvocationResponse> HandleAsync(ScheduledWork schedule, InvocationRequest request, CancellationToken cancellationToken)
    {
        await schedule.Resolve(services).RunAsync(cancellationToken).ConfigureAwait(false);
        return InvocationResponse.WithLogs(IsPastDue(request) ? $"{schedule.FunctionName} ran late (past due)." : $"{schedule.FunctionName} ran.");
    }

    // The timer's data is informational only (the work does not depend on it), so a missing or odd shape is no error.
    private static bool IsPastDue(InvocationRequest request)
    {
        try
        {
            using var timer = JsonDocument.Parse(request.DataText(Binding));
            return timer.RootElement.ValueKind == JsonValueKind.Object
                   && timer.RootElement.TryGetProperty("IsPastDue", out var pastDue)
                   && pastDue.ValueKind == JsonValueKind.True;
        }
        catch (Exception e) when (e is InvalidDataException or JsonException)
        {
            return false;
        }
    }
}
