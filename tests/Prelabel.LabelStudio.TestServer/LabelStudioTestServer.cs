using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Prelabel.LabelStudio.TestServer.Endpoints;

namespace Prelabel.LabelStudio.TestServer;

/// <summary>
/// A Label Studio REST API stand-in on Kestrel at 127.0.0.1 (random ports), with a second listener acting as the blob
/// store that presigned URLs point to (a different origin). Seed it with Add* methods, inspect <see cref="Requests"/> and
/// <see cref="TasksOf"/>, break it with <see cref="Faults"/>. Must be disposed.
/// </summary>
public sealed class LabelStudioTestServer : IAsyncDisposable
{
    private readonly TestServerState _state;
    private WebApplication? _labelStudio;
    private WebApplication? _blobStore;

    /// <param name="timeProvider">The server's clock for token and presign expiry; the system clock by default.</param>
    public LabelStudioTestServer(TimeProvider? timeProvider = null)
    {
        _state = new TestServerState(timeProvider ?? TimeProvider.System);
        _state.LegacyTokens[LegacyToken] = TestServerState.ProjectMember;
        _state.LegacyTokens[NoPermissionToken] = TestServerState.Outsider;
        PersonalAccessToken = CreatePersonalAccessToken(TimeSpan.FromDays(365));
    }

    /// <summary>The Label Studio listener's port on 127.0.0.1; 0 (the default) picks a free one.</summary>
    public int Port { get; init; }

    /// <summary><c>http://127.0.0.1:{port}</c>, no trailing slash.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The blob store origin, <c>http://127.0.0.1:{other port}</c>.</summary>
    public string BlobStoreUrl { get; private set; } = "";

    public int BlobStorePort => new Uri(BlobStoreUrl).Port;

    /// <summary>A legacy DRF token (40 hex characters) of a project member.</summary>
    public string LegacyToken { get; } = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + "00000000";

    /// <summary>A valid legacy token of a user outside every project: media endpoints answer 403.</summary>
    public string NoPermissionToken { get; } = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + "11111111";

    /// <summary>A Personal Access Token (JWT refresh token, one year) of a project member.</summary>
    public string PersonalAccessToken { get; }

    /// <summary>Lifetime of access tokens issued by <c>/api/token/refresh/</c>; Label Studio uses about 5 minutes.</summary>
    public TimeSpan AccessTokenLifetime
    {
        get => _state.AccessTokenLifetime;
        set => _state.AccessTokenLifetime = value;
    }

    public RequestLog Requests { get; } = new();

    public FaultInjector Faults { get; } = new();

    /// <summary>A Personal Access Token of a project member with the given lifetime (negative for an expired one).</summary>
    public string CreatePersonalAccessToken(TimeSpan lifetime) =>
        _state.Jwt.Issue("refresh", TestServerState.ProjectMember, lifetime, out _);

    /// <summary>Every access token issued so far is rejected from now on, as after a logout or key rotation.</summary>
    public void RevokeAccessTokens()
    {
        foreach (var jti in _state.IssuedAccessTokens.Keys)
        {
            _state.RevokedAccessTokens[jti] = true;
        }
    }

    public void AddTask(long taskId, int projectId = 1) => _state.TaskProjects[taskId] = projectId;

    /// <summary>Label Studio's TASK_API_PAGE_SIZE_MAX: <c>/api/tasks/</c> returns at most this many tasks per page. Default 100.</summary>
    public int TaskPageSizeMax
    {
        get => _state.TaskPageSizeMax;
        set => _state.TaskPageSizeMax = value;
    }

    /// <summary>A project served at <c>/api/projects/{id}/</c> whose tasks <c>/api/tasks/?project={id}</c> lists.</summary>
    public void AddProject(long projectId, string title, string labelConfig) =>
        _state.Projects[projectId] = new SeededProject(projectId, title, labelConfig);

    /// <summary>
    /// A task of <paramref name="projectId"/> listed by <c>/api/tasks/</c> (and resolvable by <c>/tasks/{id}/resolve/</c>),
    /// with annotations made by <see cref="Annotation"/>; the task and project ids are filled in.
    /// </summary>
    public void AddTaskWithAnnotations(long projectId, long taskId, JsonObject data, params JsonObject[] annotations)
    {
        var list = new JsonArray();
        foreach (var annotation in annotations)
        {
            var copy = (JsonObject)annotation.DeepClone();
            copy["task"] = taskId;
            copy["project"] = projectId;
            list.Add(copy);
        }

        _state.Tasks[taskId] = new SeededTask(taskId, projectId, (JsonObject)data.DeepClone(), list);
        _state.TaskProjects[taskId] = (int)projectId;
    }

    /// <summary>Deletes a task (seeded or imported), as a user deleting it in the data manager.</summary>
    public void RemoveTask(long taskId)
    {
        _state.Tasks.TryRemove(taskId, out _);
        _state.TaskProjects.TryRemove(taskId, out _);
        foreach (var prediction in _state.PredictionTasks.Where(p => p.Value == taskId))
        {
            _state.PredictionTasks.TryRemove(prediction);
        }
    }

    /// <summary>The project's tasks as stored now, seeded and imported, in id order.</summary>
    public IReadOnlyList<StoredTask> TasksOf(long projectId)
    {
        lock (_state.Gate)
        {
            return _state.Tasks.Values.Where(t => t.ProjectId == projectId).OrderBy(t => t.Id)
                .Select(t => new StoredTask(t.Id, t.ProjectId, (JsonObject)t.Data.DeepClone(), (JsonObject)t.Meta.DeepClone(), (JsonArray)t.Predictions.DeepClone()))
                .ToList();
        }
    }

    /// <summary>How many tasks the project has now.</summary>
    public int TaskCount(long projectId) => _state.Tasks.Values.Count(t => t.ProjectId == projectId);

    /// <summary>A Choices result as the editor saves it, for <see cref="Annotation"/>.</summary>
    public static JsonObject ChoicesResult(string fromName, string toName, string choice) => new()
    {
        ["from_name"] = fromName,
        ["to_name"] = toName,
        ["type"] = "choices",
        ["value"] = new JsonObject { ["choices"] = new JsonArray(choice) },
    };

    /// <summary>An annotation object shaped like Label Studio's, for <see cref="AddTaskWithAnnotations"/>.</summary>
    /// <param name="result">The regions, e.g. <c>[{"from_name":"label","to_name":"image","type":"rectanglelabels","value":{…}}]</c>.</param>
    public static JsonObject Annotation(long annotationId, JsonArray result, bool wasCancelled = false, bool groundTruth = false) => new()
    {
        ["id"] = annotationId,
        ["result"] = result.DeepClone(),
        ["was_cancelled"] = wasCancelled,
        ["ground_truth"] = groundTruth,
        ["completed_by"] = TestServerState.ProjectMember,
        ["created_at"] = "2026-01-01T00:00:00.000000Z",
        ["updated_at"] = "2026-01-01T00:00:00.000000Z",
        ["lead_time"] = 12.5,
        ["result_count"] = result.Count,
    };

    /// <summary>A source storage of the project; <paramref name="presign"/> false makes the resolver stream the bytes itself.</summary>
    public void AddStorage(string scheme, string bucket, int projectId = 1, bool presign = true) =>
        _state.Storages[(projectId, scheme, bucket)] = presign;

    /// <summary>Bytes behind a cloud URI such as <c>azure-blob://images/cam1/0001.jpg</c>.</summary>
    public void AddBlob(string cloudUri, byte[] content) => _state.Blobs[cloudUri] = content;

    /// <summary>Served at <c>/data/upload/{projectId}/{fileName}</c>; returns that path.</summary>
    public string AddUpload(int projectId, string fileName, byte[] content)
    {
        _state.Uploads[$"{projectId}/{fileName}"] = content;
        return $"/data/upload/{projectId}/{fileName}";
    }

    /// <summary>Served at <c>/data/local-files/?d={relativePath}</c>; returns that path.</summary>
    public string AddLocalFile(string relativePath, byte[] content)
    {
        _state.LocalFiles[relativePath] = content;
        return $"/data/local-files/?d={Uri.EscapeDataString(relativePath).Replace("%2F", "/")}";
    }

    /// <summary>An unsigned file on the blob store origin; returns its absolute URL.</summary>
    public string AddPublicFile(string path, byte[] content)
    {
        _state.PublicFiles[path] = content;
        return $"{BlobStoreUrl}/public/{path}";
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        _blobStore = Build(TestServerListener.BlobStore, app => app.MapBlobStoreEndpoints(_state));
        await _blobStore.StartAsync(cancellationToken);
        BlobStoreUrl = _state.BlobStoreUrl = AddressOf(_blobStore);

        _labelStudio = Build(TestServerListener.LabelStudio, app =>
        {
            app.MapTokenEndpoints(_state);
            app.MapMediaEndpoints(_state);
            app.MapStorageProxyEndpoints(_state);
            app.MapProjectEndpoints(_state);
            app.MapTaskListEndpoints(_state);
            app.MapImportEndpoints(_state);
            app.MapPredictionEndpoints(_state);
        });
        await _labelStudio.StartAsync(cancellationToken);
        BaseUrl = AddressOf(_labelStudio);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in new[] { _labelStudio, _blobStore })
        {
            if (app is not null)
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
    }

    private WebApplication Build(TestServerListener listener, Action<WebApplication> mapEndpoints)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var port = listener == TestServerListener.LabelStudio ? Port : 0;
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            var authorization = context.Request.Headers.Authorization.ToString();
            var scheme = authorization.Length == 0 ? null : authorization.Split(' ', 2)[0];
            try
            {
                Requests.Add(new RecordedRequest(listener, context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "", scheme)
                {
                    Body = await JsonBodyAsync(context.Request),
                });
                await Faults.HandleAsync(context, next);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The client gave up (timeout tests); nothing left to answer.
            }
        });
        mapEndpoints(app);
        return app;
    }

    // Buffered so the endpoint reads the same bytes again.
    private static async Task<string?> JsonBodyAsync(HttpRequest request)
    {
        if (request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return null;
        }

        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, leaveOpen: true);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return body;
    }

    private static string AddressOf(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
}
