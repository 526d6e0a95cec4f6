using System.Globalization;
using System.Text;
using System.Xml.Linq;
using PrivacySync.Storage.Http;

namespace PrivacySync.Storage.Queues;

/// <summary>The Queue service's XML bodies. Message text is UTF-8 then base64, as the Functions host expects.</summary>
internal static class QueueXml
{
    /// <summary>The service limit applies to the encoded text.</summary>
    public const int MaxEncodedMessageLength = 64 * 1024;

    public static byte[] MessageBody(string text)
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        if (encoded.Length > MaxEncodedMessageLength)
        {
            throw new ArgumentException($"A queue message is limited to {MaxEncodedMessageLength} base64 characters.", nameof(text));
        }

        var document = new XDocument(new XElement("QueueMessage", new XElement("MessageText", encoded)));
        return Encoding.UTF8.GetBytes(document.ToString(SaveOptions.DisableFormatting));
    }

    public static IEnumerable<XElement> Messages(string body) =>
        XDocument.Parse(body).Root?.Elements("QueueMessage") ?? [];

    public static string Value(XElement message, string name) =>
        message.Element(name)?.Value ?? throw new FormatException($"Queue response lacks {name}.");

    public static DateTimeOffset Time(XElement message, string name) => StorageService.ParseHttpDate(Value(message, name));

    public static long Count(XElement message) =>
        long.Parse(Value(message, "DequeueCount"), NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>Decodes base64 text; a message someone put unencoded is returned as it is rather than lost.</summary>
    public static string Text(XElement message)
    {
        var raw = Value(message, "MessageText");
        var buffer = new byte[raw.Length];
        return Convert.TryFromBase64String(raw, buffer, out var written)
            ? Encoding.UTF8.GetString(buffer, 0, written)
            : raw;
    }
}
