using Workflow.App.Audit;
using Xunit;

namespace Workflow.App.Tests.Audit;

[Collection(AzuriteCollection.Name)]
public sealed class AuditLogTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Entries_are_kept_in_order_with_every_field()
    {
        var log = new AuditLog(azurite.Tables);
        await log.InitializeAsync(default);
        var subject = $"case-{Guid.NewGuid():N}";
        var at = new DateTimeOffset(2020, 6, 1, 9, 30, 0, TimeSpan.FromHours(8));
        var first = new AuditEntry(subject, "township-review", "approve", "张三", "TownshipApprover", "<b>同意</b>", at, "link-1", "10.0.0.8", "Mozilla/5.0");
        var second = new AuditEntry(subject, "county-approval", "reject", "李四", "CountyOfficer", "收入不达标", at.AddMinutes(5));

        await log.AppendAsync(second, default);
        await log.AppendAsync(first, default);

        Assert.Equal([first, second], await log.ReadAsync(subject, default));
    }
}
