using System.Reflection;

namespace Workflow.Durable.Tests.Timers;

/// <summary>
/// A store passed through unchanged, except that the clock jumps forward just before the first timer message is
/// handed to it: the moment a test's manual clock moves while the worker is between deciding to send and sending.
/// </summary>
public class ClockJumpingStore : DispatchProxy
{
    private IDurableStore _inner = null!;
    private ManualClock _clock = null!;
    private TimeSpan _jump;
    private int _jumped;

    public static IDurableStore Wrap(IDurableStore inner, ManualClock clock, TimeSpan jump)
    {
        var store = Create<IDurableStore, ClockJumpingStore>();
        var proxy = (ClockJumpingStore)(object)store;
        (proxy._inner, proxy._clock, proxy._jump) = (inner, clock, jump);
        return store;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IDurableStore.SendAsync) && args![1] is string body && body.Contains("|timer", StringComparison.Ordinal)
            && Interlocked.Exchange(ref _jumped, 1) == 0)
        {
            _clock.Advance(_jump);
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
