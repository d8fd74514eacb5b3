using Microsoft.DurableTask;

namespace Workflow.App.Durable;

/// <summary>
/// The version an orchestration continuing as new should take: the newest this deployment registered. Asked through an
/// activity so the answer is kept in the history and a replay after another deployment sees the same one.
/// </summary>
public sealed class NewestVersionActivity(IEnumerable<DurableTaskRegistration> registrations) : TaskActivity<string, string>
{
    public const string Name = "NewestOrchestratorVersion";

    public override Task<string> RunAsync(TaskActivityContext context, string input) =>
        Task.FromResult(DurableTaskRegistration.NewestVersion(registrations, input));
}
