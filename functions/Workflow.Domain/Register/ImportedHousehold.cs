namespace Workflow.Domain.Register;

/// <summary>A household assembled from the rows of one import file, with where it lives and which lines it came from.</summary>
public sealed record ImportedHousehold(string Township, string Village, Household Household, IReadOnlyList<int> Lines);
