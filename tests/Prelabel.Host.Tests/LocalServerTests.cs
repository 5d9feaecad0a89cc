using System.Net;

namespace Prelabel.Host.Tests;

/// <summary>The local server (scripts/run, or the executable by hand).</summary>
public class LocalServerTests
{
    [Fact]
    public async Task By_hand_it_listens_on_the_port_option()
    {
        var port = LoopbackPort.Free();
        await using var handler = await PrelabelProcess.StartAsync(arguments: ["--host", "127.0.0.1", "--port", port.ToString()]);

        Assert.Equal(port, handler.BaseUrl.Port);
        using var response = await handler.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
