using System.Collections.Concurrent;
using System.Reflection;

namespace Workflow.Durable.Tests.Contract;

/// <summary>A store passed through unchanged, counting the messages sent to each queue (what a test of the message flow asserts on).</summary>
public class SendCountingStore : DispatchProxy
{
    private IDurableStore _inner = null!;

    public ConcurrentDictionary<QueueKind, int> Sent { get; } = new();

    public static (IDurableStore Store, SendCountingStore Counter) Wrap(IDurableStore inner)
    {
        var store = Create<IDurableStore, SendCountingStore>();
        var counter = (SendCountingStore)(object)store;
        counter._inner = inner;
        return (store, counter);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IDurableStore.SendAsync))
        {
            Sent.AddOrUpdate((QueueKind)args![0]!, 1, (_, n) => n + 1);
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }
}
