namespace Workflow.Storage.Queues;

/// <summary>How a message body is written as the text of the XML the queue service stores.</summary>
public enum QueueMessageEncoding
{
    /// <summary>The body is UTF-8 text sent as is (XML-escaped); it must be valid UTF-8 without characters XML forbids.</summary>
    None,

    /// <summary>The body is sent as base64: any bytes round-trip, at the cost of a third more size.</summary>
    Base64,
}
