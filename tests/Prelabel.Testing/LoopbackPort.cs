using System.Net;
using System.Net.Sockets;

namespace Prelabel.Testing;

public static class LoopbackPort
{
    /// <summary>A port free on 127.0.0.1 when asked; whoever binds it a moment later could in principle race another process.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
