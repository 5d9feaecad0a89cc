using System.Net;

namespace Prelabel.LabelStudio.Client;

/// <summary>Hosts allowed to resolve to restricted (loopback, private, CGNAT, unspecified) addresses.</summary>
internal sealed class HostAllowList
{
    private readonly List<(string Host, int? Port)> _entries;

    public HostAllowList(Uri? labelStudioUrl, IEnumerable<string> allowedHosts)
    {
        _entries = ParseEntries(allowedHosts);
        if (labelStudioUrl is not null)
        {
            _entries.Add((Normalize(labelStudioUrl.IdnHost), labelStudioUrl.Port));
        }
    }

    public bool Allows(string host, int port)
    {
        var normalized = Normalize(host);
        return _entries.Exists(e => e.Host == normalized && (e.Port is null || e.Port == port));
    }

    public static List<(string Host, int? Port)> ParseEntries(IEnumerable<string> allowedHosts)
    {
        var entries = new List<(string, int?)>();
        foreach (var raw in allowedHosts)
        {
            foreach (var entry in (raw ?? "").Split([',', ' ', ';', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries))
            {
                entries.Add(ParseEntry(entry));
            }
        }

        return entries;
    }

    private static (string Host, int? Port) ParseEntry(string entry)
    {
        string host = entry;
        string? port = null;
        if (entry.StartsWith('['))
        {
            var close = entry.IndexOf(']');
            if (close < 0)
            {
                throw Invalid(entry);
            }

            host = entry[1..close];
            var rest = entry[(close + 1)..];
            if (rest.Length > 0)
            {
                port = rest.StartsWith(':') ? rest[1..] : throw Invalid(entry);
            }
        }
        else if (entry.Count(c => c == ':') == 1)
        {
            var colon = entry.IndexOf(':');
            host = entry[..colon];
            port = entry[(colon + 1)..];
        }

        int? parsedPort = null;
        if (port is not null)
        {
            parsedPort = int.TryParse(port, out var p) && p is > 0 and <= 65535 ? p : throw Invalid(entry);
        }

        return host.Length == 0 ? throw Invalid(entry) : (Normalize(host), parsedPort);
    }

    // IP literals compare by value so "::1", "[::1]" and "0:0::1" match.
    private static string Normalize(string host)
    {
        var trimmed = host.Trim().TrimStart('[').TrimEnd(']').TrimEnd('.');
        return IPAddress.TryParse(trimmed, out var ip) ? ip.ToString() : trimmed.ToLowerInvariant();
    }

    private static InvalidOperationException Invalid(string entry) =>
        new($"MEDIA_ALLOWED_HOSTS entry '{entry}' is not 'host' or 'host:port' (IPv6 as '[::1]:8080').");
}
