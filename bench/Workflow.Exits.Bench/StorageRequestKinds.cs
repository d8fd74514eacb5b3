using System.Text.RegularExpressions;

namespace Workflow.Exits.Bench;

/// <summary>
/// Names a storage REST request by what it does and to which table, queue or container, from its method, target and
/// the start of its body: "table point-read exitCases", "queue receive exitbench-control", "table batch exitbenchHistory".
/// One request is one storage operation (an entity group transaction is one request, as Azure bills it).
/// </summary>
internal static partial class StorageRequestKinds
{
    public static string Of(string service, string method, string target, bool conditional, ReadOnlySpan<byte> bodyStart)
    {
        var query = target.IndexOf('?', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(query < 0 ? target : target[..query]);
        var parameters = query < 0 ? string.Empty : target[(query + 1)..];
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var resourcePath = segments.Length > 1 ? string.Join('/', segments.Skip(1)) : string.Empty;
        return service switch
        {
            "table" => Table(method, resourcePath, conditional, System.Text.Encoding.UTF8.GetString(bodyStart)),
            "queue" => Queue(method, segments.Skip(1).ToArray(), parameters),
            _ => Blob(method, segments.Skip(1).ToArray(), parameters),
        };
    }

    private static string Table(string method, string resource, bool conditional, string body)
    {
        var name = resource.Split('(')[0];
        if (name == "Tables")
        {
            return method switch
            {
                "POST" => $"table create-table {(TableName().Match(body) is { Success: true } m ? m.Groups[1].Value : "?")}",
                "DELETE" => "table delete-table",
                _ => "table list-tables",
            };
        }

        if (name == "$batch")
        {
            return $"table batch {(BatchTable().Match(body) is { Success: true } m ? m.Groups[1].Value : "?")}";
        }

        var entity = resource.Contains("PartitionKey=", StringComparison.Ordinal);
        var operation = (method, entity) switch
        {
            ("GET", true) => "point-read",
            ("GET", false) => "query",
            ("POST", _) => "insert",
            ("PUT", _) => conditional ? "update-replace" : "upsert-replace",
            ("MERGE" or "PATCH", _) => conditional ? "update-merge" : "upsert-merge",
            ("DELETE", _) => "delete",
            _ => method.ToLowerInvariant(),
        };
        return $"table {operation} {name}";
    }

    private static string Queue(string method, string[] segments, string parameters)
    {
        var name = segments.Length > 0 ? segments[0] : "?";
        if (segments.Length > 1 && segments[1] == "messages")
        {
            var operation = method switch
            {
                "POST" => "send",
                "GET" when parameters.Contains("peekonly=true", StringComparison.OrdinalIgnoreCase) => "peek",
                "GET" => "receive",
                "DELETE" when segments.Length > 2 => "delete",
                "DELETE" => "clear",
                "PUT" => "update",
                _ => method.ToLowerInvariant(),
            };
            return $"queue {operation} {name}";
        }

        return $"queue {(method == "PUT" ? "create" : method.ToLowerInvariant())}{(parameters.Contains("comp=metadata", StringComparison.Ordinal) ? "-metadata" : string.Empty)} {name}";
    }

    private static string Blob(string method, string[] segments, string parameters)
    {
        var container = segments.Length > 0 ? segments[0] : "?";
        if (parameters.Contains("restype=container", StringComparison.Ordinal))
        {
            return $"blob container-{method.ToLowerInvariant()} {container}";
        }

        var operation = method switch
        {
            "PUT" => "upload",
            "GET" => "download",
            "HEAD" => "properties",
            "DELETE" => "delete",
            _ => method.ToLowerInvariant(),
        };
        return $"blob {operation} {container}";
    }

    [GeneratedRegex("\"TableName\"\\s*:\\s*\"([^\"]+)\"")]
    private static partial Regex TableName();

    [GeneratedRegex("/devstoreaccount1/([A-Za-z0-9]+)[( ]")]
    private static partial Regex BatchTable();
}
