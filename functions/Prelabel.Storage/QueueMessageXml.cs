using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Prelabel.Storage;

/// <summary>The Queue service's XML: &lt;QueueMessage&gt;&lt;MessageText&gt; out, &lt;QueueMessagesList&gt; back.</summary>
internal static class QueueMessageXml
{
    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(false),

        // Entitize keeps a \r in the text as &#xD;; written raw, the service's XML parser would turn \r\n into \n.
        NewLineHandling = NewLineHandling.Entitize,
    };

    /// <exception cref="ArgumentException">The text holds a character XML 1.0 cannot carry (most control characters).</exception>
    public static byte[] Write(string messageText)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, Settings))
        {
            writer.WriteStartElement("QueueMessage");
            writer.WriteElementString("MessageText", messageText);
            writer.WriteEndElement();
        }

        return buffer.ToArray();
    }

    public static async Task<IReadOnlyList<XElement>> ReadAsync(Stream content, CancellationToken cancellationToken)
    {
        var list = (await XDocument.LoadAsync(content, LoadOptions.PreserveWhitespace, cancellationToken).ConfigureAwait(false)).Root;
        return list?.Elements("QueueMessage").ToList() ?? [];
    }

    public static string Text(XElement message, string name) =>
        message.Element(name)?.Value ?? throw new InvalidDataException($"A queue message in the service's answer has no {name}.");

    public static DateTimeOffset Date(XElement message, string name) => StorageHeaders.ParseDate(Text(message, name));

    public static QueueMessage Received(XElement m) => new(
        Text(m, "MessageId"), Text(m, "PopReceipt"), long.Parse(Text(m, "DequeueCount"), CultureInfo.InvariantCulture), m.Element("MessageText")?.Value ?? string.Empty,
        Date(m, "InsertionTime"), Date(m, "ExpirationTime"), Date(m, "TimeNextVisible"));

    public static PeekedMessage Peeked(XElement m) => new(
        Text(m, "MessageId"), long.Parse(Text(m, "DequeueCount"), CultureInfo.InvariantCulture), m.Element("MessageText")?.Value ?? string.Empty,
        Date(m, "InsertionTime"), Date(m, "ExpirationTime"));

    public static SendReceipt Sent(XElement m) => new(
        Text(m, "MessageId"), Text(m, "PopReceipt"), Date(m, "InsertionTime"), Date(m, "ExpirationTime"), Date(m, "TimeNextVisible"));
}
