namespace Workflow.App.Register;

/// <summary>A register request refused at the HTTP boundary, with the status to answer and a zh-CN message for the person.</summary>
internal sealed class RegisterRequestException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
