using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prelabel.Functions.TestHost.Rpc;

namespace Prelabel.Functions.TestHost;

/// <summary>
/// Plays the Azure Functions host for an isolated worker, on 127.0.0.1: starts the worker with the switches the host
/// passes, serves its EventStream, runs the start-up handshake (init, metadata, one load per function), then forwards
/// HTTP calls to the worker's own Kestrel paired with an InvocationRequest, and invokes blob and queue triggers.
/// </summary>
public sealed class FunctionsTestHost : IAsyncDisposable
{
    /// <summary>Generous caps for a loaded 2-core machine; each waits for the thing itself, not a fixed time.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan InvocationTimeout = TimeSpan.FromSeconds(120);

    private readonly StringBuilder output = new();
    private readonly WorkerConnection connection;
    private WebApplication? server;
    private Process? worker;
    private Uri workerHttp = null!;
    private readonly HttpClient forwarder = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = InvocationTimeout };

    private FunctionsTestHost() => connection = new WorkerConnection(Log);

    /// <summary>The key authLevel function routes need (?code= or x-functions-key).</summary>
    public string FunctionKey { get; } = Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant();

    /// <summary>A client for the front door: requests as callers send them to the function app.</summary>
    public HttpClient Http { get; private set; } = null!;

    public IReadOnlyList<LoadedFunction> Functions { get; private set; } = [];

    /// <summary>Milliseconds from starting the worker process to every function loaded.</summary>
    public double ReadyAfterMs { get; private set; }

    public int WorkerProcessId => worker?.Id ?? 0;

    /// <summary>The worker's stdout and stderr and its RpcLog messages, for test failure messages.</summary>
    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    /// <param name="appDirectory">The published or built worker: functions.metadata, worker.config.json, the dll.</param>
    /// <param name="settings">App settings, passed as environment variables as the host does.</param>
    /// <param name="executable">The worker's self-contained executable, else "dotnet {dll}" from worker.config.json.</param>
    public static async Task<FunctionsTestHost> StartAsync(string appDirectory, IReadOnlyDictionary<string, string> settings, string? executable = null)
    {
        var host = new FunctionsTestHost();
        try
        {
            await host.StartServerAsync();
            await host.StartWorkerAsync(Path.GetFullPath(appDirectory), settings, executable);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>A blob trigger bound to BlobClient: only the blob's coordinates cross gRPC, as ModelBindingData.</summary>
    public Task<InvocationResponse> InvokeBlobAsync(string function, string container, string blobName, string connectionName = "IMAGES")
    {
        var target = Find(function, "blobTrigger");
        var content = new JsonObject { ["Connection"] = connectionName, ["ContainerName"] = container, ["BlobName"] = blobName }.ToJsonString();
        var data = new TypedData
        {
            ModelBindingData = new ModelBindingData { Version = "1.0", Source = "AzureStorageBlobs", ContentType = "application/json", Content = ByteString.CopyFromUtf8(content) },
        };
        return InvokeAsync(target, data, new() { ["BlobTrigger"] = new TypedData { String = $"{container}/{blobName}" }, ["name"] = new TypedData { String = blobName } });
    }

    /// <summary>A queue trigger with a string message, as the queue extension delivers it (already base64-decoded).</summary>
    public Task<InvocationResponse> InvokeQueueAsync(string function, string message, long dequeueCount = 1)
    {
        var target = Find(function, "queueTrigger");
        return InvokeAsync(target, new TypedData { String = message }, new()
        {
            ["DequeueCount"] = new TypedData { Json = dequeueCount.ToString() },
            ["Id"] = new TypedData { String = Guid.NewGuid().ToString() },
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (worker is { HasExited: false })
        {
            try
            {
                await connection.SendAsync(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(5)) } });
                await worker.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException or IOException)
            {
            }
            if (!worker.HasExited) worker.Kill(entireProcessTree: true);
        }
        worker?.Dispose();
        Http?.Dispose();
        forwarder.Dispose();
        if (server is not null) await server.DisposeAsync();
    }

    private async Task StartServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // The worker dials plaintext HTTP/2; callers use the front door.
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.Limits.MaxRequestBodySize = null;
        });
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = null;
            grpc.MaxSendMessageSize = null;
        });
        builder.Services.AddSingleton(connection);
        server = builder.Build();
        server.MapGrpcService<FunctionRpcService>();
        server.Map("/{**path}", ForwardAsync);
        await server.StartAsync();
        var addresses = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToArray();
        GrpcUri = new Uri(addresses[0].Replace("[::1]", "127.0.0.1").TrimEnd('/') + "/");
        Http = new HttpClient { BaseAddress = new Uri(addresses[1].TrimEnd('/') + "/"), Timeout = InvocationTimeout };
    }

    private Uri GrpcUri { get; set; } = null!;

    private async Task StartWorkerAsync(string appDirectory, IReadOnlyDictionary<string, string> settings, string? executable)
    {
        var clock = Stopwatch.StartNew();
        var workerConfig = JsonNode.Parse(File.ReadAllText(Path.Combine(appDirectory, "worker.config.json")))!["description"]!;
        var workerId = Guid.NewGuid().ToString();
        var requestId = Guid.NewGuid().ToString();
        var start = executable is not null
            ? new ProcessStartInfo(Path.Combine(appDirectory, executable))
            : new ProcessStartInfo((string)workerConfig["defaultExecutablePath"]!) { ArgumentList = { Path.Combine(appDirectory, (string)workerConfig["defaultWorkerPath"]!) } };
        start.WorkingDirectory = appDirectory;
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        var endpoint = GrpcUri.ToString();
        foreach (var argument in new[]
        {
            "--host", GrpcUri.Host, "--port", GrpcUri.Port.ToString(), "--workerId", workerId, "--requestId", requestId, "--grpcMaxMessageLength", int.MaxValue.ToString(),
            "--functions-uri", endpoint, "--functions-worker-id", workerId, "--functions-request-id", requestId, "--functions-grpc-max-message-length", int.MaxValue.ToString(),
        })
            start.ArgumentList.Add(argument);
        start.Environment["FUNCTIONS_WORKER_DIRECTORY"] = appDirectory;
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = appDirectory;
        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        start.Environment["AzureWebJobsScriptRoot"] = appDirectory;
        foreach (var (name, value) in settings) start.Environment[name] = value;

        worker = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        worker.OutputDataReceived += (_, e) => { if (e.Data is not null) Log(e.Data); };
        worker.ErrorDataReceived += (_, e) => { if (e.Data is not null) Log("stderr: " + e.Data); };
        worker.BeginOutputReadLine();
        worker.BeginErrorReadLine();

        // The worker may exit before dialling in (a bad setting, a missing switch): say so at once rather than wait.
        var exited = worker.WaitForExitAsync();
        var first = await Task.WhenAny(connection.Started, exited, Task.Delay(StartTimeout));
        if (first != connection.Started)
            throw new InvalidOperationException($"The worker {(first == exited ? $"exited ({worker.ExitCode})" : "did not open its EventStream")} before StartStream.\n{Output}");

        var init = await connection.RequestAsync(new StreamingMessage
        {
            RequestId = requestId,
            WorkerInitRequest = new WorkerInitRequest { HostVersion = "4.1045.0", WorkerDirectory = appDirectory, FunctionAppDirectory = appDirectory },
        }, requestId, StartTimeout);
        Check(init.WorkerInitResponse.Result, "WorkerInitRequest");
        if (!init.WorkerInitResponse.Capabilities.TryGetValue("HttpUri", out var httpUri))
            throw new InvalidOperationException("The worker reported no HttpUri: is it built with the ASP.NET Core integration?");
        workerHttp = new Uri(httpUri);

        var metadataId = Guid.NewGuid().ToString();
        var metadata = await connection.RequestAsync(new StreamingMessage
        {
            RequestId = metadataId,
            FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = appDirectory },
        }, metadataId, StartTimeout);
        Check(metadata.FunctionMetadataResponse.Result, "FunctionsMetadataRequest");

        var loaded = new List<LoadedFunction>();
        foreach (var function in metadata.FunctionMetadataResponse.FunctionMetadataResults)
        {
            var bindings = function.RawBindings.Select(b => JsonNode.Parse(b)!.AsObject()).ToList();
            var load = new FunctionLoadRequest
            {
                FunctionId = function.FunctionId,
                Metadata = new RpcFunctionMetadata
                {
                    Name = function.Name, EntryPoint = function.EntryPoint, ScriptFile = function.ScriptFile, Directory = appDirectory,
                    Language = function.Language, FunctionId = function.FunctionId,
                },
            };
            load.Metadata.RawBindings.Add(function.RawBindings);
            foreach (var binding in bindings) load.Metadata.Bindings[(string)binding["name"]!] = Binding(binding);
            var loadId = Guid.NewGuid().ToString();
            var reply = await connection.RequestAsync(new StreamingMessage { RequestId = loadId, FunctionLoadRequest = load }, loadId, StartTimeout);
            Check(reply.FunctionLoadResponse.Result, $"FunctionLoadRequest {function.Name}");
            var trigger = bindings.Single(b => ((string?)b["type"])!.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase));
            loaded.Add(new LoadedFunction(function.Name, function.FunctionId, trigger));
        }
        Functions = loaded;
        ReadyAfterMs = clock.Elapsed.TotalMilliseconds;
    }

    private static BindingInfo Binding(JsonObject raw)
    {
        var info = new BindingInfo
        {
            Type = (string)raw["type"]!,
            Direction = ((string?)raw["direction"])?.ToLowerInvariant() switch { "out" => BindingInfo.Types.Direction.Out, "inout" => BindingInfo.Types.Direction.Inout, _ => BindingInfo.Types.Direction.In },
            DataType = ((string?)raw["dataType"])?.ToLowerInvariant() switch
            {
                "string" => BindingInfo.Types.DataType.String,
                "binary" => BindingInfo.Types.DataType.Binary,
                "stream" => BindingInfo.Types.DataType.Stream,
                _ => BindingInfo.Types.DataType.Undefined,
            },
        };
        if (raw["properties"] is JsonObject properties)
        {
            foreach (var (key, value) in properties) info.Properties[key] = value?.ToString() ?? "";
        }
        return info;
    }

    /// <summary>The front door: a caller's request goes to the worker's Kestrel with the invocation id, paired with its InvocationRequest.</summary>
    private async Task ForwardAsync(HttpContext context)
    {
        var path = (context.Request.Path.Value ?? "/").TrimStart('/');
        var function = Functions.FirstOrDefault(f => f.Serves(context.Request.Method, path));
        if (function is null)
        {
            context.Response.StatusCode = 404;
            return;
        }
        if (function.NeedsKey && context.Request.Query["code"] != FunctionKey && context.Request.Headers["x-functions-key"] != FunctionKey)
        {
            context.Response.StatusCode = 401;
            return;
        }
        var invocationId = Guid.NewGuid().ToString();
        using var buffered = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffered, context.RequestAborted);
        var body = buffered.ToArray();

        var metadata = new Dictionary<string, TypedData>
        {
            ["Query"] = new() { Json = new JsonObject(context.Request.Query.Select(q => KeyValuePair.Create(q.Key, (JsonNode?)q.Value.ToString()))).ToJsonString() },
            ["Headers"] = new() { Json = new JsonObject(context.Request.Headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)h.Value.ToString()))).ToJsonString() },
        };
        var invocation = InvokeAsync(function, new TypedData { Http = new RpcHttp() }, metadata, invocationId);

        using var forwarded = await SendToWorkerAsync(context, path, body, invocationId);
        context.Response.StatusCode = (int)forwarded.StatusCode;
        foreach (var (name, values) in forwarded.Headers.Concat(forwarded.Content.Headers))
        {
            if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)) continue;
            context.Response.Headers[name] = values.ToArray();
        }
        await forwarded.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        var result = await invocation;
        if (result.Result.Status != StatusResult.Types.Status.Success)
            Log($"[host] {function.Name} {invocationId} failed: {result.Result.Exception?.Message}");
    }

    /// <summary>The worker reports HttpUri before its Kestrel listens: retry refused connections as the host's proxy does (10 tries, 50 ms doubling to 250).</summary>
    private async Task<HttpResponseMessage> SendToWorkerAsync(HttpContext context, string path, byte[] body, string invocationId)
    {
        var delay = TimeSpan.FromMilliseconds(50);
        for (var attempt = 1; ; attempt++)
        {
            var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(workerHttp, path + context.Request.QueryString));
            request.Content = new ByteArrayContent(body);
            foreach (var (name, values) in context.Request.Headers)
            {
                if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) continue;
                if (!request.Headers.TryAddWithoutValidation(name, values.ToArray())) request.Content.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
            request.Headers.TryAddWithoutValidation("x-ms-invocation-id", invocationId);
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", context.Connection.RemoteIpAddress?.ToString());
            try
            {
                return await forwarder.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            }
            catch (HttpRequestException e) when (attempt < 10 && e.InnerException is System.Net.Sockets.SocketException)
            {
                await Task.Delay(delay, context.RequestAborted);
                delay = TimeSpan.FromMilliseconds(Math.Min(250, delay.TotalMilliseconds * 2));
            }
        }
    }

    private Task<InvocationResponse> InvokeAsync(LoadedFunction function, TypedData trigger, Dictionary<string, TypedData> metadata, string? invocationId = null)
    {
        invocationId ??= Guid.NewGuid().ToString();
        var request = new InvocationRequest { InvocationId = invocationId, FunctionId = function.Id, TraceContext = new RpcTraceContext() };
        request.InputData.Add(new ParameterBinding { Name = function.TriggerName, Data = trigger });
        foreach (var (key, value) in metadata) request.TriggerMetadata[key] = value;
        return InvokeCoreAsync(request);
    }

    private async Task<InvocationResponse> InvokeCoreAsync(InvocationRequest request)
    {
        connection.WatchLogs(request.InvocationId);
        var reply = await connection.RequestAsync(new StreamingMessage { RequestId = Guid.NewGuid().ToString(), InvocationRequest = request }, request.InvocationId, InvocationTimeout);
        return reply.InvocationResponse;
    }

    /// <summary>The worker's log lines of an invocation, as the host shows them under the function's execution.</summary>
    public IReadOnlyList<string> LogsOf(InvocationResponse response) => connection.LogsOf(response.InvocationId);

    private LoadedFunction Find(string name, string triggerType) =>
        Functions.SingleOrDefault(f => f.Name == name && f.TriggerType == triggerType)
        ?? throw new InvalidOperationException($"The worker has no {triggerType} function {name}; it has {string.Join(", ", Functions.Select(f => $"{f.Name} ({f.TriggerType})"))}.");

    private void Check(StatusResult? result, string what)
    {
        if (result is null || result.Status != StatusResult.Types.Status.Success)
            throw new InvalidOperationException($"{what} failed: {result?.Exception?.Message ?? result?.Result ?? "no result"}\n{Output}");
    }

    private void Log(string line)
    {
        lock (output) output.AppendLine(line);
    }
}
