using Azure;
using Workflow.Storage.Tables;
using Xunit;

namespace Workflow.Storage.Tests.Tables;

[Collection(AzuriteCollection.Name)]
public sealed class TableClientTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Table_create_if_not_exists_and_delete_are_idempotent()
    {
        var table = new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("tbl"));

        Assert.Equal(204, (await table.CreateIfNotExistsAsync()).Status);
        Assert.Equal(409, (await table.CreateIfNotExistsAsync()).Status);
        var duplicate = await Assert.ThrowsAsync<RequestFailedException>(() => table.CreateAsync());
        Assert.Equal("TableAlreadyExists", duplicate.ErrorCode);

        Assert.Equal(204, (await table.DeleteAsync()).Status);
        Assert.Equal(404, (await table.DeleteAsync()).Status);
    }

    [Fact]
    public async Task Reading_from_a_missing_table_fails_with_TableNotFound_even_if_exists_is_asked()
    {
        var table = new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("missing"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityIfExistsAsync("p", "r"));

        Assert.Equal(404, error.Status);
        Assert.Equal("TableNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task Add_then_get_then_add_again_conflicts()
    {
        var table = await NewTableAsync();
        var entity = new TableEntity("p", "r") { ["Name"] = "first" };

        var added = await table.AddEntityAsync(entity);
        var read = (await table.GetEntityAsync("p", "r")).Value;
        var conflict = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(entity));

        Assert.Equal(204, added.Status);
        Assert.Equal(added.Headers.ETag, read.ETag);
        Assert.Equal("first", read.GetString("Name"));
        Assert.Equal(409, conflict.Status);
        Assert.Equal("EntityAlreadyExists", conflict.ErrorCode);
    }

    [Fact]
    public async Task Missing_entity_is_404_on_get_and_null_on_get_if_exists()
    {
        var table = await NewTableAsync();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityAsync("p", "nobody"));

        Assert.Equal(404, error.Status);
        Assert.Equal("ResourceNotFound", error.ErrorCode);
        Assert.Null(await table.GetEntityIfExistsAsync("p", "nobody"));
    }

    [Fact]
    public async Task Stale_etag_gives_412_on_update_and_delete()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Version"] = 1 });
        var original = (await table.GetEntityAsync("p", "r")).Value;

        original["Version"] = 2;
        var updated = await table.UpdateEntityAsync(original, original.ETag, TableUpdateMode.Replace);
        original["Version"] = 3;
        var staleUpdate = await Assert.ThrowsAsync<RequestFailedException>(() => table.UpdateEntityAsync(original, original.ETag));
        var staleDelete = await Assert.ThrowsAsync<RequestFailedException>(() => table.DeleteEntityAsync("p", "r", original.ETag));

        Assert.Equal(412, staleUpdate.Status);
        Assert.Equal("UpdateConditionNotSatisfied", staleUpdate.ErrorCode);
        Assert.Equal(412, staleDelete.Status);
        var current = (await table.GetEntityAsync("p", "r")).Value;
        Assert.Equal(2, current.GetInt32("Version"));
        Assert.Equal(updated.Headers.ETag, current.ETag);

        Assert.Equal(204, (await table.DeleteEntityAsync("p", "r", current.ETag)).Status);
        Assert.Null(await table.GetEntityIfExistsAsync("p", "r"));
    }

    [Fact]
    public async Task Update_with_etag_all_overwrites_any_version_but_needs_the_entity()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Version"] = 1 });

        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["Version"] = 9 }, ETag.All);
        var missing = await Assert.ThrowsAsync<RequestFailedException>(
            () => table.UpdateEntityAsync(new TableEntity("p", "other"), ETag.All));

        Assert.Equal(9, (await table.GetEntityAsync("p", "r")).Value.GetInt32("Version"));
        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task Deleting_a_missing_entity_returns_404_without_throwing()
    {
        var table = await NewTableAsync();

        Assert.Equal(404, (await table.DeleteEntityAsync("p", "nobody")).Status);
    }

    [Fact]
    public async Task Upsert_merge_keeps_other_properties_and_replace_drops_them()
    {
        var table = await NewTableAsync();
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = 1, ["B"] = 2 });

        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["B"] = 3, ["C"] = 4 }, TableUpdateMode.Merge);
        var merged = (await table.GetEntityAsync("p", "r")).Value;
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["D"] = 5 }, TableUpdateMode.Replace);
        var replaced = (await table.GetEntityAsync("p", "r")).Value;

        Assert.Equal(
            new Dictionary<string, object> { ["A"] = 1, ["B"] = 3, ["C"] = 4 },
            merged.ToDictionary(p => p.Key, p => p.Value));
        Assert.Equal(new Dictionary<string, object> { ["D"] = 5 }, replaced.ToDictionary(p => p.Key, p => p.Value));
    }

    [Fact]
    public async Task Update_merge_and_replace_differ_like_upserts()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b" });

        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["B"] = "b2" }, ETag.All, TableUpdateMode.Merge);
        var merged = (await table.GetEntityAsync("p", "r")).Value;
        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["B"] = "b3" }, ETag.All, TableUpdateMode.Replace);
        var replaced = (await table.GetEntityAsync("p", "r")).Value;

        Assert.Equal("a", merged.GetString("A"));
        Assert.Equal("b2", merged.GetString("B"));
        Assert.False(replaced.ContainsKey("A"));
        Assert.Equal("b3", replaced.GetString("B"));
    }

    [Fact]
    public async Task Get_with_select_returns_the_selected_properties_and_the_keys()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = 1, ["B"] = 2 });

        var read = (await table.GetEntityAsync("p", "r", select: ["B"])).Value;

        Assert.Equal(("p", "r"), (read.PartitionKey, read.RowKey));
        Assert.Equal(["B"], read.Keys);
        Assert.NotEqual(default, read.ETag);
    }

    [Fact]
    public async Task SharedKeyLite_signs_a_full_crud_cycle()
    {
        var account = azurite.Account;
        var options = new StorageClientOptions { UseSharedKeyLite = true };
        var table = new TableClient(account.TableEndpoint, AzuriteFixture.UniqueName("lite"), account.Credential, options);
        const string partition = "建档立卡贫困户";

        await table.CreateAsync();
        await table.AddEntityAsync(new TableEntity(partition, "户'1") { ["N"] = 1 });
        var read = (await table.GetEntityAsync(partition, "户'1")).Value;
        read["N"] = 2;
        await table.UpdateEntityAsync(read, read.ETag);
        await table.UpsertEntityAsync(new TableEntity(partition, "户'2") { ["N"] = 3 }, TableUpdateMode.Replace);
        await table.SubmitTransactionAsync([
            new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity(partition, "户'3") { ["N"] = 4 }),
        ]);
        var all = await table.QueryAsync(TableFilter.Equal("PartitionKey", partition)).ToListAsync();
        await table.DeleteEntityAsync(partition, "户'1");
        await table.DeleteAsync();

        Assert.Equal([2, 3, 4], all.Select(e => e.GetInt32("N")!.Value));
    }

    private async Task<TableClient> NewTableAsync()
    {
        var table = new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("crud"));
        await table.CreateAsync();
        return table;
    }
}
