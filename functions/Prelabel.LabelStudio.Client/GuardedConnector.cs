using System.Net;
using System.Net.Sockets;

namespace Prelabel.LabelStudio.Client;

/// <summary>
/// The SSRF guard. It runs as the handler's ConnectCallback so the check applies to the address actually
/// connected to, after DNS, on every hop; a name that re-resolves to another address cannot slip past it.
/// </summary>
internal sealed class GuardedConnector(HostAllowList allowList)
{
    public void EnsureAllowed(string host, int port, IPAddress address)
    {
        var verdict = AddressPolicy.Classify(address);
        if (verdict is null)
        {
            return;
        }

        if (verdict.AlwaysRefused)
        {
            throw new AddressBlockedException($"blocked: {Describe(host, address)}{verdict.Reason}, which is never allowed");
        }

        if (!allowList.Allows(host, port))
        {
            throw new AddressBlockedException(
                $"blocked: {Describe(host, address)}{verdict.Reason}; add '{FormatEntry(host, port)}' to MEDIA_ALLOWED_HOSTS if this host is trusted");
        }
    }

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var port = context.DnsEndPoint.Port;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);

        Exception? lastError = null;
        foreach (var address in addresses)
        {
            try
            {
                EnsureAllowed(host, port, address);
            }
            catch (AddressBlockedException blocked)
            {
                lastError = blocked;
                continue;
            }

            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException error)
            {
                socket.Dispose();
                lastError = error;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw lastError ?? new SocketException((int)SocketError.HostNotFound);
    }

    private static string Describe(string host, IPAddress address) =>
        IPAddress.TryParse(host.Trim('[', ']'), out _) ? "" : $"{host} resolves to ";

    private static string FormatEntry(string host, int port) =>
        host.Contains(':') && !host.StartsWith('[') ? $"[{host}]:{port}" : $"{host}:{port}";
}
