using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Workflow.Domain.Register;

/// <summary>
/// 身份证号: an 18-character citizen identity number (GB 11643-1999) — 6-digit region, yyyyMMdd birth date,
/// 3-digit sequence whose last digit is odd for men, and an ISO 7064 MOD 11-2 check character (0–9 or X).
/// </summary>
/// <remarks>
/// The full number is personal data: <see cref="ToString"/> only ever renders <see cref="Mask"/>, and the digits are
/// reachable only through the explicitly named <see cref="Reveal"/> — a method, so serialisers and loggers that walk
/// public properties never pick it up.
/// </remarks>
public sealed class ResidentIdNumber : IEquatable<ResidentIdNumber>
{
    public const int Length = 18;

    private const string CheckCharacters = "10X98765432";
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>The province-level codes of GB/T 2260 (the first two digits of every region code).</summary>
    private static readonly FrozenSet<int> ProvinceCodes = new[]
    {
        11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
        50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
    }.ToFrozenSet();

    private static readonly DateOnly EarliestBirthDate = new(1900, 1, 1);

    private readonly string _characters;

    private ResidentIdNumber(string characters, DateOnly birthDate)
    {
        _characters = characters;
        BirthDate = birthDate;
    }

    public DateOnly BirthDate { get; }

    public Sex Sex => (_characters[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female;

    /// <summary>The six-digit administrative region code (not secret: it is also shown by <see cref="Mask"/>).</summary>
    public string RegionCode => _characters[..6];

    public static ResidentIdNumber Parse(string text) =>
        TryParse(text, out var id, out var problem)
            ? id
            : throw new FormatException($"Not a valid resident identity number: {problem}.");

    public static bool TryParse(string? text, [NotNullWhen(true)] out ResidentIdNumber? id) =>
        TryParse(text, out id, out _);

    /// <summary>Accepts surrounding whitespace and a lower-case x, which county spreadsheets often contain.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ResidentIdNumber? id, out ResidentIdProblem problem)
    {
        id = null;
        problem = Check(text?.Trim().ToUpperInvariant(), out var birthDate);
        if (problem != ResidentIdProblem.None)
        {
            return false;
        }

        id = new ResidentIdNumber(text!.Trim().ToUpperInvariant(), birthDate);
        return true;
    }

    /// <summary>Builds a valid number, computing its check character; used for fictitious demo residents.</summary>
    public static ResidentIdNumber Create(string regionCode, DateOnly birthDate, int sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, 999);
        var first17 = string.Create(CultureInfo.InvariantCulture, $"{regionCode}{birthDate:yyyyMMdd}{sequence:000}");
        return Parse(first17 + CheckCharacterFor(first17));
    }

    /// <summary>ISO 7064 MOD 11-2 over the first 17 digits.</summary>
    private static char CheckCharacterFor(ReadOnlySpan<char> first17Digits)
    {
        if (first17Digits.Length != Length - 1)
        {
            throw new ArgumentException("Exactly 17 digits are needed.", nameof(first17Digits));
        }

        var sum = 0;
        for (var i = 0; i < first17Digits.Length; i++)
        {
            if (!char.IsAsciiDigit(first17Digits[i]))
            {
                throw new ArgumentException("Only digits are allowed.", nameof(first17Digits));
            }

            sum += (first17Digits[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    /// <summary>Keeps the region (first 6) and the last 4 characters: 532331********123X.</summary>
    public string Mask() => string.Concat(_characters.AsSpan(0, 6), "********", _characters.AsSpan(14, 4));

    /// <summary>The full number, for storage keys and for callers whose role allows seeing it.</summary>
    public string Reveal() => _characters;

    public override string ToString() => Mask();

    public bool Equals(ResidentIdNumber? other) =>
        other is not null && string.Equals(_characters, other._characters, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as ResidentIdNumber);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_characters);

    public static bool operator ==(ResidentIdNumber? left, ResidentIdNumber? right) =>
        left?.Equals(right) ?? right is null;

    public static bool operator !=(ResidentIdNumber? left, ResidentIdNumber? right) => !(left == right);

    private static ResidentIdProblem Check(string? text, out DateOnly birthDate)
    {
        birthDate = default;
        if (string.IsNullOrEmpty(text))
        {
            return ResidentIdProblem.Missing;
        }

        if (text.Length != Length)
        {
            return ResidentIdProblem.WrongLength;
        }

        var first17 = text.AsSpan(0, Length - 1);
        if (first17.ContainsAnyExceptInRange('0', '9') || !(char.IsAsciiDigit(text[^1]) || text[^1] == 'X'))
        {
            return ResidentIdProblem.InvalidCharacter;
        }

        if (!ProvinceCodes.Contains(int.Parse(text.AsSpan(0, 2), CultureInfo.InvariantCulture)))
        {
            return ResidentIdProblem.UnknownRegion;
        }

        if (!DateOnly.TryParseExact(text.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out birthDate)
            || birthDate < EarliestBirthDate)
        {
            return ResidentIdProblem.InvalidBirthDate;
        }

        return CheckCharacterFor(first17) == text[^1] ? ResidentIdProblem.None : ResidentIdProblem.CheckCharacterMismatch;
    }
}
