using System.Buffers.Text;
using System.Text.Json;

namespace Prelabel.LabelStudio.Client;

/// <summary>Reads a JWT's shape and expiry without validating its signature (that is the server's job).</summary>
internal static class JwtShape
{
    /// <summary>True when the token is three base64url segments whose first two are JSON objects.</summary>
    public static bool TryRead(string token, out DateTimeOffset? expiresAt)
    {
        expiresAt = null;
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[2].Length == 0 || !IsJsonObject(parts[0], out _) || !IsJsonObject(parts[1], out var payload))
        {
            return false;
        }

        if (payload.TryGetProperty("exp", out var exp) && exp.ValueKind == JsonValueKind.Number && exp.TryGetDouble(out var seconds))
        {
            expiresAt = DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
        }

        return true;
    }

    private static bool IsJsonObject(string segment, out JsonElement element)
    {
        element = default;
        try
        {
            var bytes = Base64Url.DecodeFromChars(segment.TrimEnd('='));
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            element = document.RootElement.Clone();
            return true;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return false;
        }
    }
}
