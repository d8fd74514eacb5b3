using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Workflow.App.Links;
using Xunit;

namespace Workflow.App.Tests.Links;

public sealed class CapabilityLinkSignerTests
{
    private static readonly string KeyA = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string KeyB = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly SteppedClock _clock = new(new DateTimeOffset(2020, 6, 1, 8, 0, 0, TimeSpan.FromHours(8)));

    private CapabilityLinkSigner Signer(string current, params (string Id, string Key)[] keys) =>
        new(Options.Create(new LinkSigningOptions { Keys = keys.ToDictionary(k => k.Id, k => k.Key), CurrentKeyId = current }), _clock);

    [Fact]
    public void Issued_link_verifies_with_what_it_grants()
    {
        var signer = Signer("a", ("a", KeyA));

        var token = signer.Issue("exit-approval", "case-0001", "township-review", "勤丰镇审批人");
        var (link, refusal) = signer.Verify(token, "exit-approval");

        Assert.Null(refusal);
        Assert.Equal(("case-0001", "township-review", "勤丰镇审批人"), (link!.Subject, link.Step, link.Holder));
        Assert.Equal(_clock.GetUtcNow().AddHours(72), link.ExpiresAt);
    }

    [Fact]
    public void Forged_signature_is_refused()
    {
        var signer = Signer("a", ("a", KeyA));
        var token = signer.Issue("exit-approval", "case-0001", "township-review", "u1");
        var parts = token.Split('.');
        var forged = $"{parts[0]}.{parts[1]}.{Convert.ToBase64String(HMACSHA256.HashData(RandomNumberGenerator.GetBytes(32), Encoding.UTF8.GetBytes(parts[1]))).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";

        Assert.Equal(LinkRefusal.Invalid, signer.Verify(forged, "exit-approval").Refusal);
    }

    [Theory]
    [InlineData("case-0001", "case-0002")]
    [InlineData("township-review", "county-approval")]
    [InlineData("\"u1\"", "\"u2\"")]
    public void Tampered_case_step_or_holder_is_refused(string original, string replacement)
    {
        var signer = Signer("a", ("a", KeyA));
        var parts = signer.Issue("exit-approval", "case-0001", "township-review", "u1").Split('.');
        var payload = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]));
        Assert.Contains(original, payload, StringComparison.Ordinal);
        var altered = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.Replace(original, replacement, StringComparison.Ordinal)));

        Assert.Equal(LinkRefusal.Invalid, signer.Verify($"{parts[0]}.{altered}.{parts[2]}", "exit-approval").Refusal);
    }

    [Fact]
    public void Expired_link_is_refused_but_still_says_which_case_it_was_for()
    {
        var signer = Signer("a", ("a", KeyA));
        var token = signer.Issue("exit-approval", "case-0001", "township-review", "u1", TimeSpan.FromHours(1));

        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Null(signer.Verify(token, "exit-approval").Refusal);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var (link, refusal) = signer.Verify(token, "exit-approval");

        Assert.Equal(LinkRefusal.Expired, refusal);
        Assert.Equal("case-0001", link!.Subject);
    }

    [Fact]
    public void Rotation_signs_with_the_new_key_and_verifies_old_links_until_the_old_key_is_retired()
    {
        var before = Signer("a", ("a", KeyA)).Issue("exit-approval", "c", "s", "u");
        var rotated = Signer("b", ("a", KeyA), ("b", KeyB));
        var after = rotated.Issue("exit-approval", "c", "s", "u");
        var retired = Signer("b", ("b", KeyB));

        Assert.StartsWith("b.", after, StringComparison.Ordinal);
        Assert.Null(rotated.Verify(before, "exit-approval").Refusal);
        Assert.Null(rotated.Verify(after, "exit-approval").Refusal);
        Assert.Equal(LinkRefusal.KeyRetired, retired.Verify(before, "exit-approval").Refusal);
        Assert.Null(retired.Verify(after, "exit-approval").Refusal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("a..c")]
    [InlineData("a.!!!.###")]
    [InlineData("<script>alert(1)</script>")]
    public void Garbage_is_refused_as_invalid(string? token) =>
        Assert.Equal(LinkRefusal.Invalid, Signer("a", ("a", KeyA)).Verify(token, "exit-approval").Refusal);

    [Fact]
    public void Link_for_another_purpose_is_refused()
    {
        var signer = Signer("a", ("a", KeyA));

        Assert.Equal(LinkRefusal.Invalid, signer.Verify(signer.Issue("rectification", "c", "s", "u"), "exit-approval").Refusal);
    }

    [Fact]
    public void Misconfigured_keys_fail_at_start_up_with_the_reason()
    {
        Assert.Contains("not one of the configured", Assert.Throws<InvalidOperationException>(() => Signer("x", ("a", KeyA))).Message, StringComparison.Ordinal);
        Assert.Contains("at least 32", Assert.Throws<InvalidOperationException>(() => Signer("a", ("a", Convert.ToBase64String(new byte[16])))).Message, StringComparison.Ordinal);
        Assert.Contains("not base64", Assert.Throws<InvalidOperationException>(() => Signer("a", ("a", "***"))).Message, StringComparison.Ordinal);
    }
}
