using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workflow.App.Durable;
using Workflow.App.Hosting;
using Workflow.FunctionApp;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Configuration.AddQuietEngineLogging();
builder.Services.AddWorkflow(builder.Configuration, builder.Environment);
builder.Services.AddRouting();
builder.Services.AddSingleton<AppPipeline>();

// The Durable extension serialises orchestration inputs, outputs and events with the worker's serializer: the same JSON
// the standalone host's engine and the app's client write, so an instance either host started reads back the same.
builder.Services.Configure<WorkerOptions>(options => options.Serializer = new JsonObjectSerializer(TaskHubServices.JsonOptions));
builder.ConfigureDurableWorker().AddTasks(registry => DurableTaskRegistration.AddAll(registry, DurableTaskRegistration.Registered(builder.Services)));

await builder.Build().RunAsync();
