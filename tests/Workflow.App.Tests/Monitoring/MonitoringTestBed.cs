using System.Collections.Concurrent;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Workflow.App.Monitoring;
using Workflow.App.Notifications;
using Workflow.App.Register;
using Workflow.Domain.Register;
using Workflow.Testing;
using Xunit;

namespace Workflow.App.Tests.Monitoring;

/// <summary>
/// The whole app on real Kestrel with its own Azurite and a county clock the test moves, with a small register of
/// 禄丰县: two townships, a 监测户 and an 边缘户 in 碧城镇 (帮扶责任人 李帮扶), a household in no category in 金山镇
/// (赵帮扶) the office puts in a group, and one the ledger never holds. The relapse seam records what it is asked.
/// </summary>
internal sealed class MonitoringTestBed : IAsyncDisposable
{
    public const string County = "532331";
    public const string Bicheng = "532331101";
    public const string Jinshan = "532331102";
    public const string Monitored = "532331101200001";
    public const string Edge = "532331101200002";
    public const string Grouped = "532331102200001";
    public const string Unmonitored = "532331102200002";

    private readonly AzuriteProcess _azurite;
    private readonly RunningApp _app;

    private MonitoringTestBed(AzuriteProcess azurite, ManualClock clock, RunningApp app, RecordingProposal proposals)
    {
        _azurite = azurite;
        Clock = clock;
        _app = app;
        Proposals = proposals;
    }

    public ManualClock Clock { get; }

    public RecordingProposal Proposals { get; }

    public HttpClient Officer { get; private set; } = null!;

    public HttpClient Anonymous => _app.Client;

    public IServiceProvider Services => _app.Services;

    public static async Task<MonitoringTestBed> StartAsync(DateTimeOffset start)
    {
        var azurite = await AzuriteProcess.StartAsync();
        var clock = new ManualClock(start);
        var proposals = new RecordingProposal();
        var app = await RunningApp.StartAsync(
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(clock);
                builder.Services.AddSingleton<IRelapseProposal>(proposals);
            },
            ("Storage:ConnectionString", azurite.ConnectionString));
        var bed = new MonitoringTestBed(azurite, clock, app, proposals);
        await bed.SignInAsync();
        await bed.RegisterAsync();
        return bed;
    }

    /// <summary>Signs the officer in again (after the clock moves weeks, the sign-in has expired).</summary>
    public async Task SignInAsync()
    {
        Officer?.Dispose();
        Officer = await RunningApp.SignedInClientAsync(_app.Client.BaseAddress!);
    }

    /// <summary>The messages <paramref name="recipient"/> has received that <paramref name="match"/> accepts, waiting until there are <paramref name="count"/>.</summary>
    public async Task<IReadOnlyList<NotificationMessage>> WaitForMessagesAsync(string recipient, Func<NotificationMessage, bool> match, int count = 1)
    {
        var inbox = Services.GetRequiredService<InboxChannel>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var found = (await inbox.ReadAsync(recipient, 100, CancellationToken.None)).Where(match).ToList();
            if (found.Count >= count)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{recipient} received {found.Count} of {count} expected messages.");
            await Task.Delay(100);
        }
    }

    public async Task<IReadOnlyList<NotificationMessage>> MessagesAsync(string recipient) =>
        await Services.GetRequiredService<InboxChannel>().ReadAsync(recipient, 100, CancellationToken.None);

    /// <summary>Waits until the round's orchestration reports what <paramref name="condition"/> wants.</summary>
    public async Task<OrchestrationMetadata> WaitForRoundAsync(string instanceId, Func<OrchestrationMetadata, bool> condition, string what)
    {
        var client = Services.GetRequiredService<DurableTaskClient>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            if (instance is not null && condition(instance))
            {
                return instance;
            }

            Assert.True(DateTime.UtcNow < deadline,
                $"The round did not reach: {what}. It is {instance?.RuntimeStatus} {instance?.SerializedCustomStatus} {instance?.FailureDetails?.ErrorMessage}, county time {Clock.GetUtcNow():O}.");
            await Task.Delay(100);
        }
    }

    /// <summary>The path of the check link among <paramref name="messages"/> that names <paramref name="household"/>.</summary>
    public static string LinkFor(IEnumerable<NotificationMessage> messages, string household) =>
        messages.Where(m => m.Text.Contains(household, StringComparison.Ordinal)).Select(m => m.Link!.PathAndQuery).Single();

    /// <summary>A check as the form posts it: everything secured unless told, income and date as given.</summary>
    public static FormUrlEncodedContent CheckForm(string income, string on, string died = "0", bool water = true, string other = "") => new(new Dictionary<string, string>
    {
        ["water"] = water ? "yes" : "no",
        ["name"] = "李帮扶",
        ["checkedOn"] = on,
        ["income"] = income,
        ["food"] = "yes",
        ["clothing"] = "yes",
        ["education"] = "yes",
        ["medical"] = "yes",
        ["housing"] = "yes",
        ["membersDied"] = died,
        ["other"] = other,
    });

    public async ValueTask DisposeAsync()
    {
        Officer?.Dispose();
        await _app.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    private async Task RegisterAsync()
    {
        var county = new County(County, "禄丰县",
        [
            new Township(Bicheng, "碧城镇", [new Village("532331101200", "竹湖村", true, [])]),
            new Township(Jinshan, "金山镇", [new Village("532331102200", "东河村", true, [])]),
        ]);
        var directory = Services.GetRequiredService<CountyDirectory>();
        await directory.SavePlacesAsync(county, CancellationToken.None);
        await directory.SaveCountyAsync(new RegisteredCounty(County, "禄丰县", null), CancellationToken.None);

        RegisteredHousehold In(string township, string name, string village, Household household) =>
            new(township, name, township + "200", village, household);
        Household Of(string number, string head, int size, PovertyStatus status, int? exitYear, MonitoringCategory category, string cadre, int seed) =>
            new(number,
            [
                new Member(head, ResidentIdNumber.Create("532331", new DateOnly(1960, 1, 1), seed), Relationship.Head),
                .. Enumerable.Range(1, size - 1).Select(i => new Member(head + i, ResidentIdNumber.Create("532331", new DateOnly(1990, 1, 1), (seed * 10) + i), Relationship.Son)),
            ], PovertyCause.Illness, status, exitYear, category, new HouseholdIncome(2019, 5000m), cadre);

        var store = Services.GetRequiredService<RegisterStore>();
        var index = await store.ReadIndexAsync(County, CancellationToken.None);
        await store.SaveAsync(County, index,
        [
            In(Bicheng, "碧城镇", "竹湖村", Of(Monitored, "张一", 3, PovertyStatus.ExitedWithPolicy, 2019, MonitoringCategory.Monitored, "李帮扶", 1)),
            In(Bicheng, "碧城镇", "竹湖村", Of(Edge, "张二", 2, PovertyStatus.NotExited, null, MonitoringCategory.Edge, "李帮扶", 2)),
            In(Jinshan, "金山镇", "东河村", Of(Grouped, "王三", 1, PovertyStatus.ExitedNoPolicy, 2018, MonitoringCategory.None, "赵帮扶", 3)),
            In(Jinshan, "金山镇", "东河村", Of(Unmonitored, "王四", 2, PovertyStatus.ExitedNoPolicy, 2018, MonitoringCategory.None, "赵帮扶", 4)),
        ], CancellationToken.None);
    }
}

/// <summary>The relapse seam as the entry capability would implement it: one case per check, whatever the number of calls.</summary>
internal sealed class RecordingProposal : IRelapseProposal
{
    public ConcurrentDictionary<string, RelapseProposal> Received { get; } = new();

    public Task<string?> ProposeAsync(RelapseProposal proposal, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        Received.TryAdd(proposal.CheckId, proposal);
        return Task.FromResult<string?>($"relapse-{proposal.HouseholdNumber}");
    }
}
