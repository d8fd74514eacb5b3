using Microsoft.DurableTask;

namespace Workflow.App.Durable;

/// <summary>
/// One orchestrator or activity of the app, by the name it is called with. Every capability adds its own with
/// <see cref="TaskHubServices.AddTaskOrchestrator{T}"/> and <see cref="TaskHubServices.AddTaskActivity{T}"/>; the
/// standalone host's worker and the Functions host's registry are both built from this one list. An orchestrator may be
/// registered in several versions: an instance keeps the version it started on, and new instances (and an instance
/// continuing as new at a phase boundary) take the newest, the one registered last.
/// </summary>
public sealed record DurableTaskRegistration(TaskName Name, Type Type, bool IsOrchestrator, string Version = "")
{
    /// <summary>The version new instances of <paramref name="name"/> start on: the last one registered ("" when none is).</summary>
    public static string NewestVersion(IEnumerable<DurableTaskRegistration> registrations, string name) =>
        registrations.LastOrDefault(r => r.IsOrchestrator && string.Equals(r.Name.Name, name, StringComparison.OrdinalIgnoreCase))?.Version ?? string.Empty;

    /// <summary>The registrations added to <paramref name="services"/> so far, for a host that builds its registry before its services.</summary>
    public static IReadOnlyList<DurableTaskRegistration> Registered(IServiceCollection services) =>
        [.. services.Where(d => d.ServiceType == typeof(DurableTaskRegistration)).Select(d => (DurableTaskRegistration)d.ImplementationInstance!)];

    /// <summary>
    /// Adds the same set to the Durable Task SDK's registry (the isolated worker's <c>AddTasks</c>). The SDK's registry
    /// keeps one class per name, so there the newest version of each orchestrator runs every instance.
    /// </summary>
    public static void AddAll(DurableTaskRegistry registry, IEnumerable<DurableTaskRegistration> registrations)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var all = registrations.ToList();
        foreach (var registration in all)
        {
            if (registration.IsOrchestrator && registration.Version != NewestVersion(all, registration.Name.Name))
            {
                continue;
            }

            if (registration.IsOrchestrator)
            {
                registry.AddOrchestrator(registration.Name, registration.Type);
            }
            else
            {
                registry.AddActivity(registration.Name, registration.Type);
            }
        }
    }
}
