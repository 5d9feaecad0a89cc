using System.Net;
using System.Net.Sockets;

namespace Prelabel.LabelStudio.Client.Tests;

internal static class ClosedPort
{
    /// <summary>A loopback port that was free a moment ago, so connecting to it is refused.</summary>
    public static int Find()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
