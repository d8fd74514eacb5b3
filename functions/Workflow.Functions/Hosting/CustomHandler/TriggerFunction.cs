namespace Workflow.Functions.Hosting.CustomHandler;

/// <summary>
/// Endpoint metadata of a handler endpoint: the function (its folder under functionapp/), its trigger binding type and
/// the binding name the handler reads from <c>Data</c>; the drift test holds these against the function.json files.
/// </summary>
public sealed record TriggerFunction(string Name, string TriggerType, string Binding);
