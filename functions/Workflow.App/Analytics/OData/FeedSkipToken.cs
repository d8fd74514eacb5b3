using System.Buffers.Text;
using System.Text.Json;

namespace Workflow.App.Analytics.OData;

/// <summary>
/// The feed's <c>$skiptoken</c>, opaque to the client (base64url of JSON): the table's continuation (storage order) or
/// none (a sorted read, whose <see cref="Skip"/> is then the position of the next row), what is left of <c>$top</c>,
/// the rows still to skip, and the count once the first page computed it. A token that does not decode, or that
/// belongs to the other kind of read, is refused; a continuation only chooses where storage resumes the same query.
/// </summary>
public sealed record FeedSkipToken(string? Continuation, long? Top, long Skip, long? Count)
{
    private const int MaxLength = 4096;

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this));

    public static FeedSkipToken Decode(string token, bool ordered)
    {
        ArgumentNullException.ThrowIfNull(token);
        try
        {
            if (token.Length <= MaxLength
                && JsonSerializer.Deserialize<FeedSkipToken>(Base64Url.DecodeFromChars(token)) is { } decoded
                && (ordered ? decoded.Continuation is null : decoded.Continuation is { Length: > 0 })
                && decoded.Top is null or >= 0 && decoded.Skip >= 0 && decoded.Count is null or >= 0)
            {
                return decoded;
            }
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            // Falls through to the refusal.
        }

        throw new ODataQueryException("$skiptoken 不是本服务给出的，请从第一页或服务给出的 @odata.nextLink 重新开始。");
    }
}
