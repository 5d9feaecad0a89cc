using System.Net;
using System.Net.Sockets;

namespace Prelabel.LabelStudio.Client;

/// <summary>Classifies the IP address a download would connect to (SSRF guard).</summary>
internal static class AddressPolicy
{
    // Metadata endpoints that are not link-local: AWS IPv6 IMDS (inside fc00::/7), Alibaba (inside 100.64/10), Azure WireServer (public range).
    private static readonly IPAddress[] MetadataAddresses =
    [
        IPAddress.Parse("fd00:ec2::254"),
        IPAddress.Parse("100.100.100.200"),
        IPAddress.Parse("168.63.129.16"),
    ];

    /// <summary>Returns null when the address is public, else why it is restricted.</summary>
    public static AddressVerdict? Classify(IPAddress address)
    {
        var ip = Unwrap(address);
        if (Array.Exists(MetadataAddresses, m => m.Equals(ip)))
        {
            return new AddressVerdict($"{ip} is a cloud metadata address", AlwaysRefused: true);
        }

        return ip.AddressFamily == AddressFamily.InterNetwork ? ClassifyV4(ip) : ClassifyV6(ip);
    }

    // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) addresses reach the embedded IPv4 address.
    private static IPAddress Unwrap(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6)
        {
            return ip.MapToIPv4();
        }

        if (ip.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = ip.GetAddressBytes();
            if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
            {
                return new IPAddress(b.AsSpan(12, 4));
            }
        }

        return ip;
    }

    private static AddressVerdict? ClassifyV4(IPAddress ip)
    {
        var b = ip.GetAddressBytes();
        return (b[0], b[1]) switch
        {
            (169, 254) => new($"{ip} is a link-local address", AlwaysRefused: true),
            (>= 224, _) => new($"{ip} is a multicast or reserved address", AlwaysRefused: true),
            (127, _) => new($"{ip} is a loopback address", AlwaysRefused: false),
            (10, _) => new($"{ip} is a private address", AlwaysRefused: false),
            (172, >= 16 and <= 31) => new($"{ip} is a private address", AlwaysRefused: false),
            (192, 168) => new($"{ip} is a private address", AlwaysRefused: false),
            (100, >= 64 and <= 127) => new($"{ip} is a carrier-grade NAT address", AlwaysRefused: false),
            (0, _) => new($"{ip} is an unspecified address", AlwaysRefused: false),
            _ => null,
        };
    }

    private static AddressVerdict? ClassifyV6(IPAddress ip)
    {
        var b = ip.GetAddressBytes();
        if (ip.IsIPv6LinkLocal)
        {
            return new($"{ip} is a link-local address", AlwaysRefused: true);
        }

        if (ip.IsIPv6Multicast)
        {
            return new($"{ip} is a multicast address", AlwaysRefused: true);
        }

        if (IPAddress.IPv6Loopback.Equals(ip))
        {
            return new($"{ip} is a loopback address", AlwaysRefused: false);
        }

        if (IPAddress.IPv6Any.Equals(ip))
        {
            return new($"{ip} is an unspecified address", AlwaysRefused: false);
        }

        // fc00::/7 unique local, and the deprecated site-local fec0::/10.
        if ((b[0] & 0xfe) == 0xfc || ip.IsIPv6SiteLocal)
        {
            return new($"{ip} is a private address", AlwaysRefused: false);
        }

        return null;
    }
}
