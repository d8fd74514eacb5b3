namespace Workflow.Domain.Funds;

/// <summary>What the county enters for an allocation (the API's body and the console form's fields).</summary>
/// <param name="Township">The township's name or code in the county's directory.</param>
/// <param name="Date">yyyy-MM-dd, the allocation document's date.</param>
public sealed record FundAllocationForm(string? Township, string? Source, decimal? Amount, string? DocumentNumber, string? Date);
