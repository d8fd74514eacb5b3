using System.Text;
using System.Xml;

namespace Workflow.Storage.Queues;

/// <summary>
/// Writes a message body into the <c>&lt;QueueMessage&gt;&lt;MessageText&gt;</c> envelope and reads it back,
/// enforcing the 64 KiB limit on the text as the service stores it (after encoding).
/// </summary>
internal static class QueueMessageCodec
{
    public const int MessageMaxBytes = 64 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly XmlWriterSettings EnvelopeSettings = new()
    {
        OmitXmlDeclaration = true,
        Encoding = StrictUtf8,
        // A literal CR would be normalised away by the XML parser on the other side; as an entity it survives.
        NewLineHandling = NewLineHandling.Entitize,
    };

    /// <exception cref="ArgumentException">The encoded text exceeds 64 KiB, or (encoding None) the body is not valid UTF-8 XML text.</exception>
    public static byte[] Envelope(BinaryData body, QueueMessageEncoding encoding, string parameterName)
    {
        string text;
        if (encoding == QueueMessageEncoding.Base64)
        {
            text = Convert.ToBase64String(body.ToMemory().Span);
        }
        else
        {
            try
            {
                text = XmlConvert.VerifyXmlChars(StrictUtf8.GetString(body.ToMemory().Span));
            }
            catch (Exception e) when (e is DecoderFallbackException or XmlException)
            {
                throw new ArgumentException(
                    "With QueueMessageEncoding.None a message must be valid UTF-8 text without characters XML forbids; use Base64 for anything else.",
                    parameterName,
                    e);
            }
        }

        var size = StrictUtf8.GetByteCount(text);
        if (size > MessageMaxBytes)
        {
            throw new ArgumentException(
                $"The message is {size} bytes after {encoding} encoding: a queue message may be at most {MessageMaxBytes} bytes (64 KiB). " +
                "Store large payloads in a blob and send its name.",
                parameterName);
        }

        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, EnvelopeSettings))
        {
            writer.WriteStartElement("QueueMessage");
            writer.WriteElementString("MessageText", text);
            writer.WriteEndElement();
        }

        return stream.ToArray();
    }

    /// <exception cref="FormatException">With Base64 encoding, a message that is not base64 (sent by a client that does not encode).</exception>
    public static BinaryData Body(string messageId, string text, QueueMessageEncoding encoding)
    {
        if (encoding == QueueMessageEncoding.None)
        {
            return BinaryData.FromString(text);
        }

        try
        {
            return BinaryData.FromBytes(Convert.FromBase64String(text));
        }
        catch (FormatException e)
        {
            throw new FormatException(
                $"Message {messageId} is not base64, but the client expects QueueMessageEncoding.Base64: it was sent by a client that does not encode.",
                e);
        }
    }
}
