using FsCheck;
using FsCheck.Fluent;
using Workflow.Domain.Register;

namespace Workflow.Domain.Tests.Register;

/// <summary>FsCheck generators for valid 身份证号 drawn from the whole space the standard allows.</summary>
internal static class IdNumbers
{
    private static readonly int[] Provinces =
        [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82];

    public static Gen<ResidentIdNumber> Valid { get; } =
        from province in Gen.Elements(Provinces)
        from rest in Gen.Choose(0, 9999)
        from days in Gen.Choose(0, (new DateOnly(2020, 12, 31).DayNumber - new DateOnly(1900, 1, 1).DayNumber))
        from sequence in Gen.Choose(0, 999)
        select ResidentIdNumber.Create($"{province:00}{rest:0000}", new DateOnly(1900, 1, 1).AddDays(days), sequence);

    public static Arbitrary<ResidentIdNumber> ValidArbitrary { get; } = Arb.From(Valid);

    public static string ForBirthDate(DateOnly birthDate, int sequence = 123) =>
        ResidentIdNumber.Create("532331", birthDate, sequence).Reveal();
}
