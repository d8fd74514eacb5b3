namespace Workflow.Domain.Standards;

/// <summary>No rule set is shipped for the county and year asked for.</summary>
public sealed class StandardNotAvailableException : Exception
{
    public StandardNotAvailableException(string countyCode, int year)
        : base($"No exit standard is available for county {countyCode} in {year}.")
    {
        CountyCode = countyCode;
        Year = year;
    }

    public string CountyCode { get; }

    public int Year { get; }
}
