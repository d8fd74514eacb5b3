using System.Collections.Concurrent;
using Azure;

namespace Workflow.Durable;

/// <summary>
/// The revision and ETag of each instance index row as this process last wrote it, so the next write of a running
/// instance replaces the row on that ETag without reading it first. Another writer changes the ETag and the replace is
/// refused: the caller then reads and compares as before. Bounded: when full it forgets everything, which costs one read
/// per instance afterwards, never a wrong write.
/// </summary>
internal sealed class InstanceIndexETags(int capacity)
{
    private readonly ConcurrentDictionary<string, (long Revision, ETag ETag)> _written = new(StringComparer.Ordinal);

    public bool TryGet(string instanceId, out (long Revision, ETag ETag) written) => _written.TryGetValue(instanceId, out written);

    public void Wrote(OrchestrationMetadata instance, ETag etag)
    {
        if (instance.IsEnded || etag == default)
        {
            // An ended instance is written no more; an answer without an ETag cannot be replaced on.
            _written.TryRemove(instance.InstanceId, out _);
            return;
        }

        if (_written.Count >= capacity)
        {
            _written.Clear();
        }

        _written[instance.InstanceId] = (instance.Revision, etag);
    }

    public void Forget(string instanceId) => _written.TryRemove(instanceId, out _);
}
