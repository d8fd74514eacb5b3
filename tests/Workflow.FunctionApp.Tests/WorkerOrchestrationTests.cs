using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Workflow.App.Exits;
using Workflow.App.Exits.Orchestration;
using Workflow.App.Register;
using Workflow.Domain.Demo;
using Workflow.Domain.Standards;
using Xunit;
using Xunit.Abstractions;

namespace Workflow.FunctionApp.Tests;

/// <summary>An API call through the worker that starts a durable instance in the task hub the host's extension runs.</summary>
[Collection(RunningWorkerCollection.Name)]
public sealed class WorkerOrchestrationTests(RunningWorker worker, ITestOutputHelper output)
{
    private static readonly DemoCountySpec County = DemoCountySpec.Lufeng2020 with
    {
        Townships = ["碧城镇", "金山镇"],
        PoorVillages = 4,
        Households = 30,
        People = 100,
        HouseholdsDueToExit = 5,
        PeopleDueToExit = 15,
        EdgeHouseholds = 3,
        MonitoredHouseholds = 2,
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Fact]
    public async Task Starting_an_exit_case_through_the_API_schedules_its_orchestration()
    {
        await worker.Services.GetRequiredService<DemoCountyLoader>().LoadAsync(County, 7, CancellationToken.None);
        var household = await HouseholdDueToExitAsync();
        var client = worker.Host.CreateClient(worker.Routes, out var forwarding);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = "县扶贫办 王干事|CountyOfficer", ["returnUrl"] = "/" });
        (await client.PostAsync(new Uri("/dev/signin", UriKind.Relative), form)).Dispose();

        using var response = await client.PostAsJsonAsync(new Uri($"/api/counties/{County.CountyCode}/exits", UriKind.Relative),
            new StartExitRequest(household, HouseholdConditions.AllSecured(9000m)), Json);
        var body = await response.Content.ReadAsStringAsync();
        output.WriteLine(body);

        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {body}\n{worker.Host.Diagnostics}");
        var exitCase = JsonSerializer.Deserialize<ExitCase>(body, Json)!;
        var instance = await worker.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(exitCase.CaseId);
        Assert.NotNull(instance);
        Assert.Equal(HouseholdExitOrchestrator.Name, instance.Name);
        Assert.Equal("Api", forwarding.Invocations[^1].Function);
    }

    private async Task<string> HouseholdDueToExitAsync()
    {
        var places = await worker.Services.GetRequiredService<CountyDirectory>().FindPlacesAsync(County.CountyCode, CancellationToken.None);
        foreach (var township in places!.Townships)
        {
            await foreach (var household in worker.Services.GetRequiredService<RegisterStore>().ReadTownshipAsync(places.Code, township.Code, CancellationToken.None))
            {
                if (household.Household.Status == Domain.Register.PovertyStatus.NotExited)
                {
                    return household.Household.Number;
                }
            }
        }

        throw new InvalidOperationException("The demo county has no household due to exit.");
    }
}
