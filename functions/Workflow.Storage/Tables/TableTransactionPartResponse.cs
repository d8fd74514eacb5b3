using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;

namespace Workflow.Storage.Tables;

/// <summary>One operation's response inside a <c>$batch</c> response, so callers read its status and ETag as from any response.</summary>
internal sealed class TableTransactionPartResponse(int status, string reasonPhrase, IReadOnlyList<HttpHeader> headers, BinaryData content)
    : Response
{
    public override int Status => status;

    public override string ReasonPhrase => reasonPhrase;

    public override Stream? ContentStream { get; set; } = content.ToStream();

    public override string ClientRequestId { get; set; } = string.Empty;

    public override BinaryData Content => content;

    public override void Dispose()
    {
        ContentStream?.Dispose();
    }

    protected override bool ContainsHeader(string name) => TryGetHeader(name, out _);

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => headers;

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
    {
        value = headers.FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
        return value is not null;
    }

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = headers.Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
        if (!values.Any())
        {
            values = null;
            return false;
        }

        return true;
    }
}
