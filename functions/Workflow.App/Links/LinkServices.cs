using Workflow.App.Audit;
using Workflow.App.Evidence;
using Workflow.App.Hosting;

namespace Workflow.App.Links;

/// <summary>
/// Wires what every capability-link workflow shares: the signer and its keys, the redemption store, evidence and
/// the audit log, and the sweep that delivers what was kept but not delivered. Outside Development the keys must be configured (Key Vault on Azure); in Development a fixed
/// key is used so links survive a restart of the local run.
/// </summary>
public static class LinkServices
{
    private const string DevelopmentKeyId = "dev";
    private static readonly string DevelopmentKey = Convert.ToBase64String("workflow-links-development-key-32b"u8);

    public static IServiceCollection AddCapabilityLinks(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<LinkSigningOptions>().Bind(configuration.GetSection(LinkSigningOptions.Section)).PostConfigure(options =>
        {
            if (options.Keys.Count == 0)
            {
                if (!environment.IsDevelopment())
                {
                    throw new InvalidOperationException("Links:Keys and Links:CurrentKeyId are not set; they are required outside Development (Key Vault on Azure).");
                }

                options.Keys[DevelopmentKeyId] = DevelopmentKey;
                options.CurrentKeyId = DevelopmentKeyId;
            }
        });
        services.AddOptions<EvidenceOptions>().Bind(configuration.GetSection(EvidenceOptions.Section));
        services.AddSingleton<CapabilityLinkSigner>();
        services.AddSingleton<LinkRedemptionStore>();
        services.AddSingleton<LinkAddresses>();
        services.AddSingleton<EvidenceStore>();
        services.AddSingleton<AuditLog>();
        services.AddScheduledWork<KeptDecisionRedelivery>(KeptDecisionRedelivery.FunctionName, KeptDecisionRedelivery.Interval);
        return services;
    }
}
