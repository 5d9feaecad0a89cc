using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Prelabel.Backend;
using Prelabel.Host.Apis;

namespace Prelabel.Functions;

/// <summary>The Label Studio ML backend contract as HTTP functions; each hands its request to the local server's handler.</summary>
public sealed class MlBackendFunctions(MlBackend backend, RequestBody body)
{
    /// <summary>Label Studio asks "/" as often as /health. The host ignores an empty route (azure-functions-host#4638,
    /// Azure-Functions#2473), so the root is an optional parameter that no other path can fill.</summary>
    [Function("index")]
    public IResult Index([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = RootRoute)] HttpRequest request) => MlBackendApi.Health(backend);

    public const string RootRoute = "{root:maxlength(0)?}";

    [Function("health")]
    public IResult Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) => MlBackendApi.Health(backend);

    [Function("setup")]
    public Task<IResult> Setup([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "setup")] HttpRequest request) => MlBackendApi.Setup(request, backend, body);

    [Function("predict")]
    public async Task<IResult> Predict([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "predict")] HttpRequest request)
    {
        await MlBackendApi.Predict(request.HttpContext, backend, body);
        return Results.Empty; // the handler has written the answer and its Server-Timing header
    }

    [Function("webhook")]
    public Task<IResult> Webhook([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhook")] HttpRequest request) => MlBackendApi.Webhook(request, backend, body);

    [Function("versions")]
    public IResult Versions([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "versions")] HttpRequest request) => MlBackendApi.Versions(backend);

    [Function("metrics")]
    public IResult Metrics([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "metrics")] HttpRequest request) => MlBackendApi.Metrics();
}
