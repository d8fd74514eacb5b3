using Azure.Core;
using Workflow.Storage.Tables;
using Xunit;

namespace Workflow.Storage.Tests.Tables;

/// <summary>
/// The failure forms of a $batch response that Azurite does not produce: Azure names the failed action only
/// by an "index:" prefix in the error message, Azurite also by a one-based Content-ID, and a refusal of the
/// whole batch names none.
/// </summary>
public sealed class TableTransactionResponseTests
{
    private static readonly TableTransactionAction[] Actions =
    [
        new(TableTransactionActionType.Add, new TableEntity("p", "a")),
        new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "b")),
        new(TableTransactionActionType.Delete, new TableEntity("p", "c")),
    ];

    [Fact]
    public void Azure_names_the_failed_action_in_the_message_prefix()
    {
        var error = Assert.Throws<TableTransactionFailedException>(() => Read(FailedPart(
            "HTTP/1.1 404 Not Found",
            """{"odata.error":{"code":"ResourceNotFound","message":{"lang":"en-US","value":"1:The specified resource does not exist.\nRequestId:0f3c\nTime:2024-05-01T08:00:00.0000000Z"}}}""")));

        Assert.Equal(404, error.Status);
        Assert.Equal("ResourceNotFound", error.ErrorCode);
        Assert.Equal(1, error.FailedTransactionActionIndex);
        Assert.Equal(
            "Table storage refused action 1 (UpdateMerge) with 404 (ResourceNotFound): The specified resource does not exist. No action of the transaction was applied.",
            error.Message);
    }

    [Fact]
    public void A_one_based_content_id_names_the_failed_action_when_the_message_does_not()
    {
        var error = Assert.Throws<TableTransactionFailedException>(() => Read(FailedPart(
            "HTTP/1.1 412 Precondition Failed\r\nContent-ID: 3",
            """{"odata.error":{"code":"UpdateConditionNotSatisfied","message":{"lang":"en-US","value":"The update condition specified in the request was not satisfied."}}}""")));

        Assert.Equal(2, error.FailedTransactionActionIndex);
        Assert.Contains("action 2 (Delete)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refusal_of_the_whole_batch_names_no_action()
    {
        var error = Assert.Throws<TableTransactionFailedException>(() => Read(FailedPart(
            "HTTP/1.1 400 Bad Request",
            """{"odata.error":{"code":"InvalidInput","message":{"lang":"en-US","value":"The batch request body is malformed."}}}""")));

        Assert.Null(error.FailedTransactionActionIndex);
        Assert.Equal("InvalidInput", error.ErrorCode);
        Assert.Contains("refused the transaction", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_successful_batch_gives_each_action_its_response_with_bare_lf_line_ends_too()
    {
        var parts = string.Concat(Enumerable.Range(0, 3).Select(i =>
            $"--changesetresponse_1\nContent-Type: application/http\nContent-Transfer-Encoding: binary\n\n" +
            $"HTTP/1.1 204 No Content\nETag: W/\"datetime'2024-05-01T08%3A00%3A0{i}.0000000Z'\"\n\n"));
        var body = "--batchresponse_1\nContent-Type: multipart/mixed; boundary=changesetresponse_1\n\n" +
                   parts + "--changesetresponse_1--\n--batchresponse_1--\n";

        var responses = Read(body);

        Assert.Equal(3, responses.Count);
        Assert.All(responses, r => Assert.Equal(204, r.Status));
        Assert.Equal("W/\"datetime'2024-05-01T08%3A00%3A02.0000000Z'\"", responses[2].Headers.ETag.ToString());
    }

    private static string FailedPart(string statusAndHeaders, string json) =>
        "--batchresponse_7ab1\r\n" +
        "Content-Type: multipart/mixed; boundary=changesetresponse_6cad\r\n\r\n" +
        "--changesetresponse_6cad\r\n" +
        "Content-Type: application/http\r\n" +
        "Content-Transfer-Encoding: binary\r\n\r\n" +
        $"{statusAndHeaders}\r\n" +
        "X-Content-Type-Options: nosniff\r\n" +
        "DataServiceVersion: 3.0;\r\n" +
        "Content-Type: application/json;odata=minimalmetadata;streaming=true;charset=utf-8\r\n\r\n" +
        $"{json}\r\n" +
        "--changesetresponse_6cad--\r\n" +
        "--batchresponse_7ab1--\r\n";

    private static IReadOnlyList<Azure.Response> Read(string body)
    {
        var boundary = body[2..body.IndexOfAny(['\r', '\n'])];
        using var response = new TableTransactionPartResponse(
            202,
            "Accepted",
            [new HttpHeader("Content-Type", $"multipart/mixed; boundary={boundary}")],
            BinaryData.FromString(body));
        return TableTransactionBatch.Read(response, Actions);
    }
}
