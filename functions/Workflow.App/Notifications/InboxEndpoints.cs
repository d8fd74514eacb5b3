using Workflow.App.Pages;
using Workflow.App.Register;
using Workflow.Domain.Register;

namespace Workflow.App.Notifications;

/// <summary>
/// The local inbox page (本地消息箱): every notification with its link, newest first. It stands in for the phones on a
/// developer's machine and exists only in the Development environment: it shows every approval link to whoever opens
/// it, so anywhere else it would let any signed-in user act as any approver. On Azure notifications reach people
/// through the webhook and mail channels. Recipients are named by role and place, as the people themselves know them.
/// </summary>
internal static class InboxEndpoints
{
    private const int MessagesShown = 200;

    public static void MapInbox(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment() || app.ServiceProvider.GetService<InboxChannel>() is null)
        {
            return;
        }

        app.MapGet("/inbox", async (string? recipient, InboxChannel inbox, CountyDirectory directory, CancellationToken cancellationToken) =>
        {
            var messages = await inbox.ReadAsync(recipient, MessagesShown, cancellationToken);
            var counties = new Dictionary<string, County?>(StringComparer.Ordinal);
            foreach (var code in messages.Select(m => HolderNames.CountyOf(m.Recipient)).Append(recipient is null ? null : HolderNames.CountyOf(recipient)).OfType<string>().Distinct())
            {
                counties[code] = await directory.FindPlacesAsync(code, cancellationToken);
            }

            string Name(string holder) => HolderNames.Describe(holder, HolderNames.CountyOf(holder) is { } county ? counties[county] : null);
            return PageResults.Page<InboxPage>(new
            {
                Entries = messages.Select(m => new InboxEntry(m, Name(m.Recipient))).ToList(),
                RecipientName = string.IsNullOrEmpty(recipient) ? null : Name(recipient),
            });
        });
    }
}
