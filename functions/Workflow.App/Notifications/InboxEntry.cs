namespace Workflow.App.Notifications;

/// <summary>A message as the inbox page lists it: the message and its recipient named by role and place (<see cref="HolderNames"/>).</summary>
public sealed record InboxEntry(NotificationMessage Message, string RecipientName)
{
    /// <summary>
    /// The link to act on, when it is a web address. Links are made by the app, but the page must never turn a stored
    /// value into script (<c>javascript:</c>): anything that is not http(s) is shown as text.
    /// </summary>
    public Uri? WebLink => Message.Link is { IsAbsoluteUri: true, Scheme: "http" or "https" } link ? link : null;
}
