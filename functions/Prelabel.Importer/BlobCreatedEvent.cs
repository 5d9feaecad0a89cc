using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Prelabel.Importer;

/// <summary>
/// A Microsoft.Storage.BlobCreated event in Event Grid schema, as Event Grid writes it to a storage queue (base64, or
/// raw JSON when the queue is read with messageEncoding none; a one-event array is accepted too).
/// </summary>
public sealed record BlobCreatedEvent(string Id, string Container, string BlobName, Uri Url, string? ContentType, long? ContentLength, string? ETag)
{
    public const string EventType = "Microsoft.Storage.BlobCreated";

    /// <summary>The event as JSON, to send it again.</summary>
    public string Json { get; init; } = "";

    /// <summary>"container/name", how the blob is named in logs, ledgers and task meta.</summary>
    public string Path => $"{Container}/{BlobName}";

    /// <summary>The event in a queue message; null with a reason when the message is not one.</summary>
    public static BlobCreatedEvent? Parse(string message, out string? reason)
    {
        reason = null;
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(LooksLikeJson(message) ? message : Encoding.UTF8.GetString(Convert.FromBase64String(message.Trim())));
        }
        catch (Exception e) when (e is JsonException or FormatException or DecoderFallbackException)
        {
            reason = "the message is neither JSON nor base64-encoded JSON";
            return null;
        }
        if (node is JsonArray { Count: 1 } single) node = single[0];
        if (node is not JsonObject ev)
        {
            reason = "the message is not one Event Grid event (a JSON object)";
            return null;
        }
        var type = Text(ev["eventType"]) ?? Text(ev["type"]);
        if (type != EventType)
        {
            reason = $"the event type is {type ?? "missing"}, not {EventType}";
            return null;
        }
        var data = ev["data"] as JsonObject;
        if (!Uri.TryCreate(Text(data?["url"]), UriKind.Absolute, out var url) || !TrySplit(url, out var container, out var name))
        {
            reason = "the event's data.url is not a blob URL (https://<account>.blob.core.windows.net/<container>/<blob>)";
            return null;
        }
        return new BlobCreatedEvent(Text(ev["id"]) ?? "", container, name, url, Text(data?["contentType"]),
            data?["contentLength"] is JsonValue length && length.TryGetValue<long>(out var bytes) ? bytes : null, Text(data?["eTag"])) { Json = ev.ToJsonString() };
    }

    /// <summary>An event as Event Grid would write it for a blob just created (local mode and backfill send these).</summary>
    public static JsonObject Create(Uri url, string? contentType, long? contentLength, string? etag, string? id = null) => new()
    {
        ["id"] = id ?? Guid.NewGuid().ToString(),
        ["topic"] = "",
        ["subject"] = TrySplit(url, out var container, out var name) ? $"/blobServices/default/containers/{container}/blobs/{name}" : "",
        ["eventType"] = EventType,
        ["eventTime"] = DateTimeOffset.UtcNow.ToString("O"),
        ["dataVersion"] = "",
        ["metadataVersion"] = "1",
        ["data"] = new JsonObject
        {
            ["api"] = "PutBlob",
            ["contentType"] = contentType,
            ["contentLength"] = contentLength,
            ["blobType"] = "BlockBlob",
            ["eTag"] = etag,
            ["url"] = url.ToString(),
        },
    };

    /// <summary>The event for a blob found by listing a container (local mode, backfill).</summary>
    public static JsonObject For(BlobContainerClient container, BlobItem blob) =>
        Create(new Uri(container.GetBlobClient(blob.Name).Uri.GetLeftPart(UriPartial.Path)), blob.Properties.ContentType, blob.Properties.ContentLength,
            blob.Properties.ETag?.ToString().Trim('"'));

    /// <summary>A queue message as Event Grid writes one: the event's JSON in base64, as host.json's messageEncoding expects.</summary>
    public static string QueueMessage(string eventJson) => Convert.ToBase64String(Encoding.UTF8.GetBytes(eventJson));

    /// <summary>
    /// The container and blob name of a blob URL, for both Azure's host-style URLs (https://account.blob.core.windows.net/
    /// container/name) and the emulator's path-style ones (http://127.0.0.1:10000/devstoreaccount1/container/name).
    /// </summary>
    public static bool TrySplit(Uri url, out string container, out string name)
    {
        var segments = url.AbsolutePath.TrimStart('/').Split('/', 3);
        var pathStyle = !url.Host.Contains(".blob.", StringComparison.OrdinalIgnoreCase);
        var offset = pathStyle ? 1 : 0;
        (container, name) = segments.Length > offset + 1
            ? (Uri.UnescapeDataString(segments[offset]), Uri.UnescapeDataString(string.Join('/', segments[(offset + 1)..])))
            : ("", "");
        return container.Length > 0 && name.Length > 0;
    }

    private static bool LooksLikeJson(string text) => text.TrimStart() is ['{', ..] or ['[', ..];

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
