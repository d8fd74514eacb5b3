using Workflow.Functions.Hosting;

var app = WorkflowApp.Build(args);
await app.RunAsync();
