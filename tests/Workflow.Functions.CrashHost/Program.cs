using Workflow.Durable;
using Workflow.Functions.Hosting;

// The app exactly as functions/Workflow.Functions/Program.cs builds it (WorkflowApp.Build with the same arguments), with
// one difference: the durable worker's visibility timeouts are seconds, not 30 s and 5 min. A killed worker's messages
// come back only after them, so with the shipped values every kill that lands during an activity would stall that case
// for 5 minutes, and a crash test would take that long per kill. The app does not read these from configuration yet.
// Usage: Workflow.Functions.CrashHost --urls ... --environment Development --Storage:ConnectionString=... (as the app)
var app = WorkflowApp.Build(args, builder => builder.Services.AddSingleton(new DurableTaskOptions
{
    ControlVisibilityTimeout = TimeSpan.FromSeconds(5),
    ActivityVisibilityTimeout = TimeSpan.FromSeconds(10),
}));

// An app orphaned by a test run that died would keep working on the next run's storage; the test holds the other end
// of stdin, so end-of-input means it is gone.
_ = Task.Run(async () =>
{
    while (await Console.In.ReadLineAsync() is not null)
    {
    }

    app.Lifetime.StopApplication();
});

await app.RunAsync();
