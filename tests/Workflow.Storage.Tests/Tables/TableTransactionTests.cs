using Azure;
using Workflow.Storage.Tables;
using Xunit;

namespace Workflow.Storage.Tests.Tables;

[Collection(AzuriteCollection.Name)]
public sealed class TableTransactionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Every_action_type_applies_in_one_transaction()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "merge") { ["A"] = 1, ["B"] = 1 });
        await table.AddEntityAsync(new TableEntity("p", "replace") { ["A"] = 1, ["B"] = 1 });
        await table.AddEntityAsync(new TableEntity("p", "upsert-merge") { ["A"] = 1 });
        await table.AddEntityAsync(new TableEntity("p", "delete"));
        var replaceEtag = (await table.GetEntityAsync("p", "replace")).Value.ETag;

        var response = await table.SubmitTransactionAsync([
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "add") { ["A"] = 1 }),
            new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity("p", "merge") { ["B"] = 2 }),
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity("p", "replace") { ["B"] = 2 }, replaceEtag),
            new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity("p", "upsert-merge") { ["B"] = 2 }),
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p", "upsert-replace") { ["B"] = 2 }),
            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity("p", "delete")),
        ]);

        var entities = (await table.QueryAsync().ToListAsync()).ToDictionary(e => e.RowKey);
        Assert.Equal(202, response.GetRawResponse().Status);
        Assert.Equal(6, response.Value.Count);
        Assert.All(response.Value, part => Assert.Equal(204, part.Status));
        Assert.All(response.Value.Take(5), part => Assert.NotNull(part.Headers.ETag));
        Assert.Equal(entities["add"].ETag, response.Value[0].Headers.ETag);
        Assert.Equal([1, 2], new[] { entities["merge"].GetInt32("A"), entities["merge"].GetInt32("B") });
        Assert.False(entities["replace"].ContainsKey("A"));
        Assert.Equal([1, 2], new[] { entities["upsert-merge"].GetInt32("A"), entities["upsert-merge"].GetInt32("B") });
        Assert.Equal(2, entities["upsert-replace"].GetInt32("B"));
        Assert.DoesNotContain("delete", entities.Keys);
    }

    [Fact]
    public async Task One_failing_action_rolls_back_the_rest_and_is_named()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "exists") { ["Original"] = true });
        await table.AddEntityAsync(new TableEntity("p", "kept") { ["Original"] = true });

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync([
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "new1")),
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p", "kept") { ["Changed"] = true }),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "new2")),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "exists")),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "new3")),
        ]));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Equal(3, error.FailedTransactionActionIndex);
        Assert.Contains("action 3 (Add)", error.Message, StringComparison.Ordinal);
        var remaining = await table.QueryAsync().ToListAsync();
        Assert.Equal(["exists", "kept"], remaining.Select(e => e.RowKey));
        Assert.All(remaining, e => Assert.Equal(["Original"], e.Keys));
    }

    [Fact]
    public async Task A_stale_etag_inside_a_transaction_fails_it_with_412()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Version"] = 1 });
        var stale = (await table.GetEntityAsync("p", "r")).Value;
        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["Version"] = 2 }, ETag.All);

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync([
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "new")),
            new TableTransactionAction(TableTransactionActionType.Delete, stale),
        ]));

        Assert.Equal(412, error.Status);
        Assert.Equal(1, error.FailedTransactionActionIndex);
        Assert.Null(await table.GetEntityIfExistsAsync("p", "new"));
        Assert.Equal(2, (await table.GetEntityAsync("p", "r")).Value.GetInt32("Version"));
    }

    [Fact]
    public async Task An_update_of_a_missing_entity_fails_the_transaction_unlike_an_upsert()
    {
        var table = await NewTableAsync();

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync([
            new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity("p", "upserted")),
            new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity("p", "missing") { ["A"] = 1 }),
        ]));

        Assert.Equal(404, error.Status);
        Assert.Equal(1, error.FailedTransactionActionIndex);
        Assert.Empty(await table.QueryAsync().ToListAsync());
    }

    [Fact]
    public async Task A_transaction_of_100_actions_is_accepted()
    {
        var table = await NewTableAsync();

        var response = await table.SubmitTransactionAsync(Enumerable.Range(0, 100).Select(i =>
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("建档立卡", $"户{i}") { ["I"] = i })));

        Assert.Equal(100, response.Value.Count);
        Assert.Equal(100, (await table.QueryAsync().ToListAsync()).Count);
    }

    private async Task<TableClient> NewTableAsync()
    {
        var table = new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("batch"));
        await table.CreateAsync();
        return table;
    }
}
