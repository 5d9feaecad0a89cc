using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
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

    public static async Task<IResult> Setup(HttpRequest request, MlBackend backend)
    {
        var body = await ReadJsonAsync(request);
        var version = await backend.SetupAsync(PredictRequest.Text(body?["project"]), PredictRequest.Text(body?["schema"]), request.HttpContext.RequestAborted);
        return Results.Json(new { model_version = version });
    }

    public static async Task Predict(HttpContext context, MlBackend backend)
    {
        var total = Stopwatch.StartNew();
        var request = PredictRequest.Parse(await ReadJsonAsync(context.Request));
        var outcome = await backend.PredictAsync(request, context.RequestAborted);
        var clock = Stopwatch.StartNew();
        var body = JsonSerializer.SerializeToUtf8Bytes(outcome.Response.ToJson());
        context.Response.Headers["Server-Timing"] = ServerTiming.Format(outcome.Timings, clock.Elapsed.TotalMilliseconds, total.Elapsed.TotalMilliseconds);
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    public static async Task<IResult> Webhook(HttpRequest request, MlBackend backend)
    {
        var outcome = backend.Webhook(await ReadJsonAsync(request));
        return Results.Json(outcome.Body, statusCode: outcome.Status);
    }

    /// <summary>An empty body reads as null; anything that is not JSON is a 400 with the parser's reason.</summary>
    internal static async Task<JsonNode?> ReadJsonAsync(HttpRequest request)
    {
        try
        {
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
            return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw BackendException.BadRequest($"The request body is not valid JSON: {e.Message}");
        }
    }
}
