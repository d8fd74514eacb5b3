using Azure.Data.Tables;

namespace Workflow.App.Notices;

/// <summary>
/// The columns every kept objection has, whatever its notice (an exit's, a project's, a fund notice): the contact, the
/// reason, when it was filed and, for the rate limit's record, the address it came from. Each store adds its own.
/// </summary>
public static class ObjectionRow
{
    public static TableEntity Of(string partitionKey, string objectionId, string contact, string reason, DateTimeOffset filedAt, string? clientIp)
    {
        var row = new TableEntity(partitionKey, objectionId)
        {
            ["Contact"] = contact,
            ["Reason"] = reason,
            ["FiledAt"] = filedAt,
        };
        if (clientIp is not null)
        {
            row["ClientIp"] = clientIp;
        }

        return row;
    }
}
