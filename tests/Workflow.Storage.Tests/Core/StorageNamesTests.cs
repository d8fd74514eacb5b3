using Xunit;

namespace Workflow.Storage.Tests.Core;

public sealed class StorageNamesTests
{
    [Theory]
    [InlineData("households")]
    [InlineData("Cases2026")]
    [InlineData("abc")]
    public void Valid_table_names_pass(string name) => Assert.Equal(name, StorageNames.ValidateTableName(name));

    [Theory]
    [InlineData("ab")]
    [InlineData("1cases")]
    [InlineData("case-items")]
    [InlineData("tables")]
    [InlineData("户籍")]
    public void Invalid_table_names_are_refused(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => StorageNames.ValidateTableName(name));
        Assert.Contains("3-63 letters or digits", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("exit-approvals")]
    [InlineData("a1b")]
    public void Valid_queue_and_container_names_pass(string name)
    {
        Assert.Equal(name, StorageNames.ValidateQueueName(name));
        Assert.Equal(name, StorageNames.ValidateContainerName(name));
    }

    [Theory]
    [InlineData("Evidence")]
    [InlineData("-evidence")]
    [InlineData("evidence-")]
    [InlineData("evi--dence")]
    [InlineData("ev")]
    [InlineData("evidence_photos")]
    public void Invalid_queue_and_container_names_are_refused(string name)
    {
        Assert.Contains("lowercase letters", Assert.Throws<ArgumentException>(() => StorageNames.ValidateQueueName(name)).Message, StringComparison.Ordinal);
        Assert.Contains("container name", Assert.Throws<ArgumentException>(() => StorageNames.ValidateContainerName(name)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cases/2026/佐证材料.jpg")]
    [InlineData("a")]
    public void Valid_blob_names_pass(string name) => Assert.Equal(name, StorageNames.ValidateBlobName(name));

    [Theory]
    [InlineData("")]
    [InlineData("ends-with-dot.")]
    [InlineData("ends-with-slash/")]
    [InlineData("a//b")]
    [InlineData("a/../b")]
    [InlineData("bell\u0007")]
    public void Invalid_blob_names_are_refused(string name) =>
        Assert.Throws<ArgumentException>(() => StorageNames.ValidateBlobName(name));

    [Theory]
    [InlineData("a/b", "/")]
    [InlineData("a\\b", "\\")]
    [InlineData("a#b", "#")]
    [InlineData("a?b", "?")]
    [InlineData("a\u0001b", "\\u0001")]
    [InlineData("a\u007fb", "\\u007f")]
    public void Keys_with_forbidden_characters_are_refused_naming_the_character(string key, string shown)
    {
        var error = Assert.Throws<ArgumentException>(() => StorageNames.ValidateEntityKey(key, "RowKey"));

        Assert.Contains($"contains '{shown}'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\u0001", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlong_key_is_refused() =>
        Assert.Contains("1 KiB", Assert.Throws<ArgumentException>(() => StorageNames.ValidateEntityKey(new string('k', 513), "PartitionKey")).Message, StringComparison.Ordinal);

    [Fact]
    public void Chinese_keys_are_allowed() => Assert.Equal("禄丰县|勤丰镇", StorageNames.ValidateEntityKey("禄丰县|勤丰镇", "PartitionKey"));
}
