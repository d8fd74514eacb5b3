using Workflow.App.Storage;
using Xunit;

namespace Workflow.App.Tests.Storage;

/// <summary>Container, queue and blob names the SDK would send as given are refused first, naming the rule.</summary>
public sealed class BlobRulesTests
{
    [Theory]
    [InlineData("ab")]
    [InlineData("Evidence")]
    [InlineData("-evidence")]
    [InlineData("evidence-")]
    [InlineData("evi--dence")]
    [InlineData("佐证材料")]
    public void A_bad_container_or_queue_name_is_refused_naming_the_rule(string name)
    {
        var container = Assert.Throws<ArgumentException>(() => BlobRules.ContainerName(name));
        var queue = Assert.Throws<ArgumentException>(() => BlobRules.QueueName(name));

        Assert.Contains("a container name is 3-63 lowercase letters, digits and single hyphens", container.Message, StringComparison.Ordinal);
        Assert.Contains("a queue name is 3-63 lowercase letters", queue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("case/")]
    [InlineData("case.")]
    [InlineData("case//file.pdf")]
    [InlineData("case/../file.pdf")]
    [InlineData("case/\u0007file.pdf")]
    public void A_bad_blob_name_is_refused_with_control_characters_shown_escaped(string name)
    {
        var refused = Assert.Throws<ArgumentException>(() => BlobRules.BlobName(name));

        Assert.Contains("a blob name is 1-1024 characters", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\u0007", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("evidence")]
    [InlineData("analytics-2026")]
    public void A_good_container_name_passes(string name) => Assert.Equal(name, BlobRules.ContainerName(name));

    [Fact]
    public void A_chinese_blob_name_with_folders_passes() =>
        Assert.Equal("532331/案件-001/入户核查表.pdf", BlobRules.BlobName("532331/案件-001/入户核查表.pdf"));
}
