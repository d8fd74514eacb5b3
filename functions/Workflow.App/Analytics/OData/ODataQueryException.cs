namespace Workflow.App.Analytics.OData;

/// <summary>A query the feed refuses: answered 400 with an OData error body naming what is wrong.</summary>
public sealed class ODataQueryException(string message) : Exception(message);
