namespace Workflow.Durable;

/// <summary>A failure as it is recorded in history: the exception's type, message and stack, and its cause.</summary>
public sealed record TaskFailureDetails(string ErrorType, string ErrorMessage, string? StackTrace, TaskFailureDetails? InnerFailure = null)
{
    public static TaskFailureDetails FromException(Exception exception) => new(
        exception.GetType().FullName ?? exception.GetType().Name,
        exception.Message,
        exception.StackTrace,
        exception.InnerException is null ? null : FromException(exception.InnerException));

    public override string ToString() => $"{ErrorType}: {ErrorMessage}";
}
