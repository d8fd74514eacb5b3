using System.Diagnostics;
using Workflow.Domain.Demo;

namespace Workflow.App.Register;

/// <summary>
/// Puts a generated demo county on the register for the local run: places, then households, then the county row
/// that lists it. A county already listed is left alone — the same demo is already there, and a real register or a
/// demo of another seed must not be overwritten or mixed with this one. An interrupted load is not listed yet, so
/// the next start completes it, writing only what is missing.
/// </summary>
public sealed class DemoCountyLoader(CountyDirectory directory, RegisterStore store, ILogger<DemoCountyLoader> logger)
{
    /// <summary>The seed of the demo county the local run shows; fixed, so every developer sees the same households.</summary>
    public const int LufengSeed = 2020;

    /// <summary>禄丰县 2020 at full scale (7,249 households / 26,499 people: 7,095 / 26,095 exited, 154 / 404 to exit).</summary>
    public Task<RegisterWrite?> LoadLufengAsync(CancellationToken cancellationToken) =>
        LoadAsync(DemoCountySpec.Lufeng2020, LufengSeed, cancellationToken);

    /// <returns>What was written, or null when the county was already on the register.</returns>
    public async Task<RegisterWrite?> LoadAsync(DemoCountySpec spec, int seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var existing = await directory.FindAsync(spec.CountyCode, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            if (existing.DemoSeed != seed)
            {
                logger.LogWarning(
                    "County {County} is already on the register ({Kind}); the demo county (seed {Seed}) is not loaded over it",
                    spec.CountyCode, existing.DemoSeed is null ? "a real register" : $"demo seed {existing.DemoSeed}", seed);
            }

            return null;
        }

        var clock = Stopwatch.StartNew();
        var county = DemoCountyGenerator.Generate(spec, seed);
        await directory.SavePlacesAsync(county, cancellationToken).ConfigureAwait(false);
        var index = await store.ReadIndexAsync(county.Code, cancellationToken).ConfigureAwait(false);
        var households = county.Townships.SelectMany(township => township.Villages.SelectMany(village => village.Households.Select(household =>
            new RegisteredHousehold(township.Code, township.Name, village.Code, village.Name, household))));
        var written = await store.SaveAsync(county.Code, index, households, cancellationToken).ConfigureAwait(false);
        await directory.SaveCountyAsync(new RegisteredCounty(county.Code, county.Name, seed), cancellationToken).ConfigureAwait(false);
        logger.LogInformation(
            "Demo county {County} (seed {Seed}) loaded: {Households} households written, {Unchanged} already there, in {Milliseconds:0} ms",
            county.Code, seed, written.Added + written.Changed, written.Unchanged, clock.Elapsed.TotalMilliseconds);
        return written;
    }
}
