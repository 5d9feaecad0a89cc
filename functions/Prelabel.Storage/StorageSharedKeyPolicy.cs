using System.Globalization;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Prelabel.Storage;

/// <summary>
/// Shared Key authorization for Blob and Queue (learn.microsoft.com/rest/api/storageservices/authorize-with-shared-key).
/// Runs on every try: each carries a fresh x-ms-date, and the signature covers it.
/// </summary>
internal sealed class StorageSharedKeyPolicy(StorageSharedKeyCredential credential) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        request.Headers.SetValue("x-ms-date", DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture));
        var signature = credential.ComputeHmacSha256(StringToSign(request, credential.AccountName));
        request.Headers.SetValue(HttpHeader.Names.Authorization, $"SharedKey {credential.AccountName}:{signature}");
    }

    internal static string StringToSign(Request request, string accountName)
    {
        string Header(string name) => request.Headers.TryGetValue(name, out var value) ? value : string.Empty;

        // Since version 2015-02-21 a zero Content-Length signs as empty.
        var length = request.Content is not null && request.Content.TryComputeLength(out var bytes) && bytes > 0
            ? bytes.ToString(CultureInfo.InvariantCulture)
            : string.Empty;
        var text = new StringBuilder()
            .Append(request.Method.Method).Append('\n')
            .Append(Header("Content-Encoding")).Append('\n')
            .Append(Header("Content-Language")).Append('\n')
            .Append(length).Append('\n')
            .Append(Header("Content-MD5")).Append('\n')
            .Append(Header("Content-Type")).Append('\n')
            .Append('\n') // Date: x-ms-date stands in for it.
            .Append(Header("If-Modified-Since")).Append('\n')
            .Append(Header("If-Match")).Append('\n')
            .Append(Header("If-None-Match")).Append('\n')
            .Append(Header("If-Unmodified-Since")).Append('\n')
            .Append(Header("Range")).Append('\n');

        foreach (var header in request.Headers
                     .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
                     .Select(h => (Name: h.Name.ToLowerInvariant(), h.Value))
                     .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            text.Append(header.Name).Append(':').Append(header.Value.Trim()).Append('\n');
        }

        text.Append('/').Append(accountName).Append(request.Uri.Path is { Length: > 0 } path ? path : "/");
        foreach (var (name, values) in QueryParameters(request.Uri.Query))
        {
            text.Append('\n').Append(name).Append(':').Append(values);
        }

        return text.ToString();
    }

    // Names lower-cased and sorted, values decoded; a name given twice signs as one with its values sorted.
    private static IEnumerable<(string Name, string Values)> QueryParameters(string query) =>
        query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(parts => (Name: Uri.UnescapeDataString(parts[0]).ToLowerInvariant(), Value: parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty))
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, string.Join(',', g.Select(p => p.Value).Order(StringComparer.Ordinal))));
}
