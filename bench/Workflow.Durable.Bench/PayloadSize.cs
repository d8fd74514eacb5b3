namespace Workflow.Durable.Bench;

/// <summary>
/// How a request's body grows with the payload text put in it: bytes = <see cref="Overhead"/> +
/// <see cref="BytesPerChar"/> × length (Base64 queue messages grow by 4/3, table JSON by 1). Measured from two
/// probe requests, so a replay can size its payload to match a recorded request without knowing the wire format.
/// </summary>
internal sealed record PayloadSize(double Overhead, double BytesPerChar)
{
    public const int ProbeLength = 3000;

    public static PayloadSize FromProbes(long emptyBytes, long probeBytes) =>
        new(emptyBytes, (probeBytes - emptyBytes) / (double)ProbeLength);

    /// <summary>The payload length that makes a request of <paramref name="requestBytes"/>; 0 when even an empty payload is larger.</summary>
    public int LengthFor(long requestBytes) => (int)Math.Max(0, Math.Round((requestBytes - Overhead) / BytesPerChar));
}
