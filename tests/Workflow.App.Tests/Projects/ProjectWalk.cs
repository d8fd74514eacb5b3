using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Workflow.Domain.Projects;
using Workflow.App.Projects;
using Workflow.App.Projects.Web;
using Workflow.App.Tests.Funds;
using Workflow.App.Tests.Rectification;
using Xunit;

namespace Workflow.App.Tests.Projects;

/// <summary>
/// A project walked through its procedure on the fund test bed (its clock and its injected calendar, whose 5 and 6 March
/// 2026 are holidays): proposed through the county API, then every step taken through the links in its holders' inboxes.
/// </summary>
internal sealed class ProjectWalk(FundTestBed bed, PovertyProject project)
{
    public FundTestBed Bed { get; } = bed;

    public PovertyProject Project { get; } = project;

    public string Id => Project.ProjectId;

    public static ProjectProcedure Procedure => ProjectProcedure.Default;

    public static async Task<ProjectWalk> ProposeAsync(FundTestBed bed, string name = "光伏扶贫电站", decimal investment = 1_000_000m)
    {
        var village = bed.Township.Villages[0];
        var created = await bed.County.PostAsJsonAsync($"/api/counties/{bed.Places.Code}/projects", new ProjectForm(bed.Township.Name, village.Name, name, investment),
            LedgerTestBed.Json);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return new ProjectWalk(bed, (await created.Content.ReadFromJsonAsync<ProjectRecord>(LedgerTestBed.Json))!.Project);
    }

    public string Holder(string step) => ProjectRecipients.Decider(Project, Procedure.Step(step)!);

    public async Task<ProjectDetail> DetailAsync() => (await Bed.County.GetFromJsonAsync<ProjectDetail>($"/api/projects/{Id}", LedgerTestBed.Json))!;

    /// <summary>Waits until the project waits on <paramref name="stepKey"/> (e.g. village-review.1) and its workflow has set its times.</summary>
    public async Task<ProjectDetail> WaitForStepAsync(string stepKey)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var detail = await DetailAsync();
            if (detail.Record.StepKey == stepKey && (detail.Record.Times is not null || detail.Record.Progress.InOperation(Procedure)))
            {
                return detail;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{Id} did not reach {stepKey}; it waits on {detail.Record.StepKey}.");
            await Task.Delay(100);
        }
    }

    /// <summary>The newest link under <paramref name="path"/> the step's holder got for <paramref name="key"/>, waiting for the <paramref name="count"/>th.</summary>
    public Task<string> LinkAsync(string step, string path, string key, int count = 1) => Bed.LinkAsync(Holder(step), path, Id, key, count);

    /// <summary>Posts a link's form as a phone would, with a file under <paramref name="fileField"/> when one is given.</summary>
    public async Task<HttpResponseMessage> PostAsync(string link, IReadOnlyDictionary<string, string> fields, string? fileField = null, byte[]? file = null,
        string fileName = "验收报告.pdf", string contentType = "application/pdf")
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        if (fileField is not null)
        {
            var content = new ByteArrayContent(file!);
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            form.Add(content, fileField, fileName);
        }

        return await Bed.Anonymous.PostAsync(link, form);
    }

    /// <summary>Decides the step of <paramref name="key"/> through its first link, asserting it is taken.</summary>
    public async Task DecideAsync(string step, string key, string outcome, string note = "", string name = "王主任")
    {
        var link = await LinkAsync(step, "/project/step/", key);
        var response = await PostAsync(link, new Dictionary<string, string> { ["outcome"] = outcome, ["note"] = note, ["name"] = name });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{key}: {await response.Content.ReadAsStringAsync()}");
        Assert.Contains($"data-outcome=\"{outcome}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Decides a step through the county API, as the console's officer would.</summary>
    public async Task DecideByCountyAsync(string step, ProjectOutcome outcome)
    {
        var response = await Bed.County.PostAsJsonAsync($"/api/projects/{Id}/steps/{step}", new ProjectStepDecision(outcome, null), LedgerTestBed.Json);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{step}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>A minimal PDF: what the evidence store recognises by its first bytes.</summary>
    public static byte[] Pdf => "%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"u8.ToArray();
}
