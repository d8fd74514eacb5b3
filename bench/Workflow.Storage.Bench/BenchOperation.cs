namespace Workflow.Storage.Bench;

/// <summary>Which caller a round measures.</summary>
internal enum Side
{
    /// <summary>Our storage client (Azure.Core pipeline).</summary>
    Client,

    /// <summary>The raw <see cref="HttpClient"/> making the identical REST call.</summary>
    Baseline,
}

/// <summary>
/// One benchmarked storage operation. <see cref="PrepareAsync"/> sets up fresh resources for one round (an empty or
/// prefilled table or queue of its own) outside the timed region and returns the call to time.
/// </summary>
/// <param name="DefaultOperations">
/// Calls per timed round unless <c>--ops</c> says otherwise: enough for a round of a second or more, since shorter
/// rounds on a shared two-core machine measure the neighbours more than the callers (an A/A run of 1,000 table
/// upserts per round differed by up to 40 %; of 4,000, by 4 %). Receives stay at 1,000: every Azurite receive scans
/// the whole queue, so a deeper prefill would only slow Azurite down.
/// </param>
internal sealed record BenchOperation(string Name, int DefaultOperations, Func<BenchTargets, Side, int, Task<PreparedRound>> PrepareAsync);

/// <summary>The call to time, given the operation's index 0..N-1, and how to drop the round's resources afterwards.</summary>
internal sealed record PreparedRound(Func<int, Task> Operation, Func<Task> CleanupAsync);
