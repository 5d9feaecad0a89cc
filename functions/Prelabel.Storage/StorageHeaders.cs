using System.Globalization;
using Azure;
using Azure.Core;

namespace Prelabel.Storage;

/// <summary>Reading and writing the headers Blob and Queue share: conditions, lease id, x-ms-meta-*, dates, ETags.</summary>
internal static class StorageHeaders
{
    private const string MetadataPrefix = "x-ms-meta-";

    /// <summary>The conditions' headers, and x-ms-lease-id when they are <see cref="BlobRequestConditions"/> with a lease id.</summary>
    public static void AddConditions(Request request, RequestConditions? conditions)
    {
        if (conditions?.IfMatch is { } ifMatch)
        {
            request.Headers.SetValue(HttpHeader.Names.IfMatch, ifMatch.ToString("H"));
        }

        if (conditions?.IfNoneMatch is { } ifNoneMatch)
        {
            request.Headers.SetValue(HttpHeader.Names.IfNoneMatch, ifNoneMatch.ToString("H"));
        }

        if (conditions?.IfModifiedSince is { } modifiedSince)
        {
            request.Headers.SetValue(HttpHeader.Names.IfModifiedSince, modifiedSince.ToString("R", CultureInfo.InvariantCulture));
        }

        if (conditions?.IfUnmodifiedSince is { } unmodifiedSince)
        {
            request.Headers.SetValue(HttpHeader.Names.IfUnmodifiedSince, unmodifiedSince.ToString("R", CultureInfo.InvariantCulture));
        }

        if (conditions is BlobRequestConditions { LeaseId: { } leaseId })
        {
            request.Headers.SetValue("x-ms-lease-id", leaseId);
        }
    }

    /// <exception cref="ArgumentException">A name that is not a C# identifier, or a value that is not printable ASCII: the service or HTTP would refuse them.</exception>
    public static void AddMetadata(Request request, IEnumerable<KeyValuePair<string, string>>? metadata)
    {
        foreach (var (name, value) in metadata ?? [])
        {
            if (name.Length == 0 || char.IsAsciiDigit(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                throw new ArgumentException($"Metadata name '{name}' is not a C# identifier (letters, digits, _).", nameof(metadata));
            }

            if (!value.All(c => c is >= ' ' and <= '~'))
            {
                throw new ArgumentException($"Metadata value of '{name}' is not printable ASCII; encode it first.", nameof(metadata));
            }

            request.Headers.SetValue(MetadataPrefix + name, value);
        }
    }

    /// <summary>The x-ms-meta-* headers by name without the prefix; names compare case-insensitively, as the service does.</summary>
    public static IReadOnlyDictionary<string, string> ReadMetadata(ResponseHeaders headers)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in headers)
        {
            if (header.Name.StartsWith(MetadataPrefix, StringComparison.OrdinalIgnoreCase))
            {
                metadata[header.Name[MetadataPrefix.Length..]] = header.Value;
            }
        }

        return metadata;
    }

    public static string Required(ResponseHeaders headers, string name) =>
        headers.TryGetValue(name, out var value) ? value : throw new InvalidDataException($"The storage service's answer has no {name} header.");

    public static ETag RequiredETag(ResponseHeaders headers) => ParseETag(Required(headers, HttpHeader.Names.ETag));

    public static DateTimeOffset LastModified(ResponseHeaders headers) => ParseDate(Required(headers, "Last-Modified"));

    /// <summary>An ETag in header form: headers quote it, list results may not; quoting both lets them compare equal.</summary>
    public static ETag ParseETag(string value) =>
        new(value.StartsWith('"') || value == "*" ? value : $"\"{value}\"");

    /// <summary>RFC 1123 ("Fri, 09 Oct 2009 21:04:30 GMT"), as headers and XML bodies carry dates.</summary>
    public static DateTimeOffset ParseDate(string value) =>
        DateTimeOffset.ParseExact(value, "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>Whole seconds, as the service takes visibility timeouts, TTLs and lease durations.</summary>
    public static string Seconds(TimeSpan value) => ((long)value.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
