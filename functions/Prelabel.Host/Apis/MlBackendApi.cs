using System.Diagnostics;
using System.Text.Json;
using Prelabel.Backend;

namespace Prelabel.Host.Apis;

/// <summary>The Label Studio ML backend HTTP contract; each handler makes one call into <see cref="MlBackend"/>.</summary>
public static class MlBackendApi
{
    public static IEndpointRouteBuilder MapMlBackendApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", Health);
        app.MapGet("/health", Health);
        app.MapPost("/setup", Setup);
        app.MapPost("/predict", Predict);
        app.MapPost("/webhook", Webhook);
        app.MapGet("/versions", Versions);
        app.MapGet("/metrics", Metrics);
        return app;
    }

    /// <summary>Answers before any model is loaded: Label Studio gives /health one second.</summary>
    public static IResult Health(MlBackend backend) => Results.Json(new { status = "UP", model_class = backend.ModelClass });

    public static IResult Versions(MlBackend backend) => Results.Json(new { versions = new[] { backend.ModelVersion } });

    public static IResult Metrics() => Results.Json(new { });

    public static async Task<IResult> Setup(HttpRequest request, MlBackend backend, RequestBody body)
    {
        var json = await body.ReadJsonAsync(request);
        var version = await backend.SetupAsync(PredictRequest.Text(json?["project"]), PredictRequest.Text(json?["schema"]), request.HttpContext.RequestAborted);
        return Results.Json(new { model_version = version });
    }

    public static async Task Predict(HttpContext context, MlBackend backend, RequestBody body)
    {
        var total = Stopwatch.StartNew();
        var request = PredictRequest.Parse(await body.ReadJsonAsync(context.Request));
        var outcome = await backend.PredictAsync(request, context.RequestAborted);
        var clock = Stopwatch.StartNew();
        var answer = JsonSerializer.SerializeToUtf8Bytes(outcome.Response.ToJson());
        context.Response.Headers["Server-Timing"] = ServerTiming.Format(outcome.Timings, clock.Elapsed.TotalMilliseconds, total.Elapsed.TotalMilliseconds);
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(answer, context.RequestAborted);
    }

    public static async Task<IResult> Webhook(HttpRequest request, MlBackend backend, RequestBody body)
    {
        var outcome = backend.Webhook(await body.ReadJsonAsync(request));
        return Results.Json(outcome.Body, statusCode: outcome.Status);
    }
}
