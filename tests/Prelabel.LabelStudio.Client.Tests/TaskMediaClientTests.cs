using System.Text;
using Prelabel.LabelStudio.TestServer;

namespace Prelabel.LabelStudio.Client.Tests;

/// <summary>Split by concern into TaskMediaClientTests.*.cs; every test gets its own server.</summary>
public sealed partial class TaskMediaClientTests : IAsyncLifetime
{
    private static readonly byte[] Jpeg = Encoding.ASCII.GetBytes("fake jpeg bytes");
    private readonly LabelStudioTestServer _server = new();
    private readonly List<TaskMediaClient> _clients = [];
    private readonly string _documentRoot = Directory.CreateTempSubdirectory("prelabel-media-").FullName;

    public Task InitializeAsync() => _server.StartAsync();

    public async Task DisposeAsync()
    {
        _clients.ForEach(c => c.Dispose());
        await _server.DisposeAsync();
        Directory.Delete(_documentRoot, recursive: true);
    }

    private TaskMediaClient Client(Action<LabelStudioClientOptions>? configure = null)
    {
        var options = new LabelStudioClientOptions { Url = _server.BaseUrl, ApiKey = _server.LegacyToken };
        configure?.Invoke(options);
        var client = new TaskMediaClient(options);
        _clients.Add(client);
        return client;
    }

    private void AllowBlobStore(LabelStudioClientOptions options) => options.AllowedHosts = [$"127.0.0.1:{_server.BlobStorePort}"];

    private IEnumerable<RecordedRequest> BlobStoreRequests =>
        _server.Requests.All.Where(r => r.Listener == TestServerListener.BlobStore);
}
