using System.Globalization;

namespace Workflow.Domain.Standards;

/// <summary>The bar an indicator's measurement has to clear; <see cref="Value"/> is absent for yes/no indicators.</summary>
public sealed record Threshold(Comparison Comparison, decimal? Value, string? Unit)
{
    public bool IsMetBy(Measurement measurement)
    {
        if (Comparison == Comparison.Required)
        {
            return measurement.Flag ?? throw Mismatch(measurement);
        }

        var number = measurement.Number ?? throw Mismatch(measurement);
        var bar = Value ?? throw new InvalidOperationException($"A {Comparison} threshold needs a value.");
        return Comparison switch
        {
            Comparison.Above => number > bar,
            Comparison.AtLeast => number >= bar,
            Comparison.Below => number < bar,
            Comparison.AtMost => number <= bar,
            _ => throw new InvalidOperationException($"Unknown comparison {Comparison}."),
        };
    }

    /// <summary>For display, e.g. "&gt; 3600 元" or "须达到".</summary>
    public override string ToString()
    {
        var symbol = Comparison switch
        {
            Comparison.Above => ">",
            Comparison.AtLeast => "≥",
            Comparison.Below => "<",
            Comparison.AtMost => "≤",
            _ => null,
        };
        return symbol is null
            ? "须达到"
            : string.Create(CultureInfo.InvariantCulture, $"{symbol} {Value} {Unit}").TrimEnd();
    }

    private InvalidOperationException Mismatch(Measurement measurement) =>
        new($"A {Comparison} threshold cannot be tested with the measurement {measurement}.");
}
