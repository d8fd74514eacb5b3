using Workflow.App.Register;
using Workflow.Host;

var app = StandaloneHost.Build(args);

// The local run loads the 禄丰 2020 demo county (idempotent: a later start finds it and skips).
if (app.Configuration.GetValue<bool>("Demo:Load"))
{
    await app.Services.GetRequiredService<DemoCountyLoader>().LoadLufengAsync(CancellationToken.None);
}

await app.RunAsync();
