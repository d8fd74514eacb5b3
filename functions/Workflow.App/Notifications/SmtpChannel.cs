using System.Net;
using System.Net.Mail;

namespace Workflow.App.Notifications;

/// <summary>E-mail, for recipients whose message carries an address; others are left to the other channels.</summary>
public sealed class SmtpChannel(SmtpOptions options) : INotificationChannel
{
    public string Name => "smtp";

    public async Task SendAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(message.Email))
        {
            return;
        }

        using var mail = new MailMessage(options.From, message.Email, message.Title, message.Link is null ? message.Text : $"{message.Text}\n\n{message.Link}")
        {
            BodyEncoding = System.Text.Encoding.UTF8,
            SubjectEncoding = System.Text.Encoding.UTF8,
        };
        using var client = new SmtpClient(options.Host, options.Port) { EnableSsl = options.EnableSsl };
        if (!string.IsNullOrEmpty(options.UserName))
        {
            client.Credentials = new NetworkCredential(options.UserName, options.Password);
        }

        await client.SendMailAsync(mail, cancellationToken).ConfigureAwait(false);
    }
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = string.Empty;
    public int Port { get; set; } = 587;
    public bool EnableSsl { get; set; } = true;
    public string From { get; set; } = string.Empty;
    public string? UserName { get; set; }
    public string? Password { get; set; }
}
