using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Prelabel.Backend;

namespace Prelabel.Host.Apis;

/// <summary>
/// Reads a JSON request body into one buffer of at most MAX_REQUEST_BYTES, checked before it is read (Content-Length)
/// and while it is read (chunked bodies), so a 50 MB body is refused with a 413 rather than buffered or copied into a string.
/// </summary>
public sealed class RequestBody(long maxBytes)
{
    /// <summary>Label Studio's largest body is a batch of tasks from "Retrieve predictions": a few hundred bytes each.</summary>
    public const int DefaultMaxBytes = 16 * 1024 * 1024;

    private const int FirstBufferBytes = 16 * 1024;

    public long MaxBytes { get; } = maxBytes;

    /// <summary>
    /// An empty body reads as null; anything that is not a UTF-8 JSON object is a 400 with the reason, a body over the cap
    /// a 413. Every body of the contract is an object, so nothing past here meets an array where it looks for a key.
    /// </summary>
    public async Task<JsonObject?> ReadJsonAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBytes) throw TooLarge($"declares {request.ContentLength} bytes");
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? FirstBufferBytes, MaxBytes + 1));
        try
        {
            var length = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted)) > 0)
            {
                length += read;
                if (length > MaxBytes) throw TooLarge($"has more than {MaxBytes} bytes");
                if (length == buffer.Length) buffer = Grow(buffer, length);
            }
            return Parse(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private byte[] Grow(byte[] buffer, int length)
    {
        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(2L * buffer.Length, MaxBytes + 1));
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }

    private static JsonObject? Parse(ReadOnlySpan<byte> body)
    {
        if (body.StartsWith(Encoding.UTF8.Preamble)) body = body[Encoding.UTF8.Preamble.Length..];
        if (body.Trim(" \t\r\n"u8).IsEmpty) return null;
        // System.Text.Json only finds bad UTF-8 when a string is read, which would be a 500 deep inside a prediction.
        if (!Utf8.IsValid(body)) throw BackendException.BadRequest($"The request body is not valid UTF-8 (the first bad byte is at offset {FirstInvalidByte(body)}).");
        try
        {
            CheckEscapes(body);
            // A repeated key would otherwise throw from deep inside whichever code first reads that object.
            return JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) switch
            {
                JsonObject root => root,
                var other => throw BackendException.BadRequest($"The request body must be a JSON object, not {other?.GetValueKind().ToString().ToLowerInvariant() ?? "null"}."),
            };
        }
        catch (JsonException e)
        {
            throw BackendException.BadRequest($"The request body is not valid JSON: {e.Message}");
        }
    }

    /// <summary>An escaped lone surrogate ("\ud800") parses, then throws whenever the string is read; find it here.</summary>
    private static void CheckEscapes(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        while (reader.Read())
        {
            if (reader is not { TokenType: JsonTokenType.String or JsonTokenType.PropertyName, ValueIsEscaped: true }) continue;
            try
            {
                reader.GetString();
            }
            catch (InvalidOperationException e)
            {
                throw BackendException.BadRequest($"The request body has a string that is not valid text at byte {reader.TokenStartIndex}: {e.Message}");
            }
        }
    }

    private static int FirstInvalidByte(ReadOnlySpan<byte> body)
    {
        var offset = 0;
        while (Rune.DecodeFromUtf8(body[offset..], out _, out var consumed) == OperationStatus.Done) offset += consumed;
        return offset;
    }

    private BackendException TooLarge(string what) =>
        new(413, $"The request body {what}; this backend accepts at most {MaxBytes} (MAX_REQUEST_BYTES).");
}
