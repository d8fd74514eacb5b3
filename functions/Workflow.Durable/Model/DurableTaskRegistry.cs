namespace Workflow.Durable;

/// <summary>
/// The orchestrators (by name and version) and activities (by name) a worker can run. New instances start
/// on an orchestration's default version — the last one registered — and keep their version for life.
/// </summary>
public sealed class DurableTaskRegistry
{
    private readonly Dictionary<(string Name, string Version), Func<ITaskOrchestrator>> _orchestrators = new(NameAndVersionComparer.Instance);
    private readonly Dictionary<string, string> _defaultVersions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<ITaskActivity>> _activities = new(StringComparer.OrdinalIgnoreCase);

    public DurableTaskRegistry AddOrchestrator(string name, string version, Func<ITaskOrchestrator> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(factory);
        if (!_orchestrators.TryAdd((name, version), factory))
        {
            throw new ArgumentException($"Orchestrator '{name}' version '{version}' is registered twice.", nameof(name));
        }

        _defaultVersions[name] = version;
        return this;
    }

    public DurableTaskRegistry AddOrchestrator<TInput, TOutput>(string name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> run, string version = "1") =>
        AddOrchestrator(name, version, () => new FuncOrchestrator<TInput, TOutput>(run));

    public DurableTaskRegistry AddActivity(string name, Func<ITaskActivity> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (!_activities.TryAdd(name, factory))
        {
            throw new ArgumentException($"Activity '{name}' is registered twice.", nameof(name));
        }

        return this;
    }

    public DurableTaskRegistry AddActivity<TInput, TOutput>(string name, Func<TaskActivityContext, TInput, Task<TOutput>> run) =>
        AddActivity(name, () => new FuncActivity<TInput, TOutput>(run));

    internal string? DefaultVersion(string name) => _defaultVersions.GetValueOrDefault(name);

    internal ITaskOrchestrator? CreateOrchestrator(string name, string version) =>
        _orchestrators.TryGetValue((name, version), out var factory) ? factory() : null;

    internal ITaskActivity? CreateActivity(string name) =>
        _activities.TryGetValue(name, out var factory) ? factory() : null;

    private sealed class NameAndVersionComparer : IEqualityComparer<(string Name, string Version)>
    {
        public static NameAndVersionComparer Instance { get; } = new();

        public bool Equals((string Name, string Version) x, (string Name, string Version) y) =>
            StringComparer.OrdinalIgnoreCase.Equals(x.Name, y.Name) && StringComparer.Ordinal.Equals(x.Version, y.Version);

        public int GetHashCode((string Name, string Version) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Name), obj.Version);
    }
}
