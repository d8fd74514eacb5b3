using Microsoft.DurableTask;

namespace Workflow.Functions.Durable;

/// <summary>
/// One orchestrator or activity of the app, by the name it is called with. Every capability adds its own with
/// <see cref="TaskHubServices.AddTaskOrchestrator{T}"/> and <see cref="TaskHubServices.AddTaskActivity{T}"/>; the
/// standalone host's worker and the Functions host's registry are both built from this one list.
/// </summary>
public sealed record DurableTaskRegistration(TaskName Name, Type Type, bool IsOrchestrator)
{
    /// <summary>Adds the same set to the Durable Task SDK's registry (the isolated worker's <c>AddTasks</c>).</summary>
    public static void AddAll(DurableTaskRegistry registry, IEnumerable<DurableTaskRegistration> registrations)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var registration in registrations)
        {
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
