using System.Text;
using Prelabel.LabelStudio.TestServer;

namespace Prelabel.LabelStudio.Client.Tests;

/// <summary>Split by concern into TaskMediaClientTests.*.cs; every test gets its own server.</summary>
public sealed partial class TaskMediaClientTests : IAsyncLifetime
{
    private static readonly byte[] Jpeg = Encoding.ASCII.GetBytes("fake jpeg bytes");
    private readonly LabelStudioTestServer _server = new();
    private readonly List<LabelStudioClient> _clients = [];
    private readonly string _documentRoot = Directory.CreateTempSubdirectory("prelabel-media-").FullName;

    public Task InitializeAsync() => _server.StartAsync();

    public async Task DisposeAsync()
    {
        _clients.ForEach(c => c.Dispose());
        await _server.DisposeAsync();
        Directory.Delete(_documentRoot, recursive: true);
    }

    private TaskMediaClient Client(Action<ClientSetup>? configure = null)
    {
        var setup = new ClientSetup(_server.BaseUrl, _server.LegacyToken);
        setup.Options.RetryDelay = TimeSpan.FromMilliseconds(10);
        configure?.Invoke(setup);
        var client = setup.Create();
        _clients.Add(client);
        return client.Media;
    }

    private void AllowBlobStore(ClientSetup setup) => setup.Options.AllowedHosts = [$"127.0.0.1:{_server.BlobStorePort}"];

    private IEnumerable<RecordedRequest> BlobStoreRequests =>
        _server.Requests.All.Where(r => r.Listener == TestServerListener.BlobStore);
}
