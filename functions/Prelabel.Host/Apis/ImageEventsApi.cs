using System.Text.Json;
using System.Text.Json.Nodes;
using Prelabel.Importer;

namespace Prelabel.Host.Apis;

/// <summary>
/// The imageEvents function: the Functions host's queue trigger POSTs each image-events message here in its invocation
/// envelope (<c>{"Data":{"msg":…},"Metadata":{"DequeueCount":…}}</c>). A 2xx answer completes the message; any other
/// makes the host put it back for another delivery, which is how passing failures are retried.
/// </summary>
public static class ImageEventsApi
{
    public const string Function = "imageEvents";

    /// <summary>The trigger binding's name in functions/imageEvents/function.json.</summary>
    public const string Binding = "msg";

    public static IEndpointRouteBuilder MapImageEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/" + Function, InvokeAsync);
        return app;
    }

    private static async Task<IResult> InvokeAsync(HttpRequest request, IServiceProvider services)
    {
        JsonNode? envelope;
        try
        {
            envelope = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException e)
        {
            return Invocation(400, $"The invocation body is not JSON: {e.Message}");
        }
        var message = envelope?["Data"]?[Binding] switch
        {
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            // The host hands over a message that is JSON as JSON.
            JsonNode node => node.ToJsonString(),
            null => null,
        };
        if (message is null) return Invocation(400, $"The invocation has no Data.{Binding} (the queue message).");
        var dequeueCount = envelope?["Metadata"]?["DequeueCount"] switch
        {
            JsonValue v when v.TryGetValue<long>(out var n) => n,
            JsonValue v when v.TryGetValue<string>(out var s) && long.TryParse(s, out var n) => n,
            _ => 1,
        };
        if (services.GetService<ImageEventHandler>() is not { } handler)
            return Invocation(500, "An image event arrived but uploads are not imported: set IMPORT_ROUTES (and LABEL_STUDIO_URL, LABEL_STUDIO_API_KEY, IMAGES).");

        var fate = await handler.HandleAsync(message, dequeueCount, request.HttpContext.RequestAborted);
        return Invocation(fate.Complete ? 200 : 500, $"{fate.Outcome.Result}: {fate.Outcome.Reason}");
    }

    /// <summary>The custom handler's answer to a non-HTTP invocation; the host writes Logs to the function's log.</summary>
    private static IResult Invocation(int status, string log) =>
        Results.Json(new JsonObject { ["Outputs"] = new JsonObject(), ["Logs"] = new JsonArray(log), ["ReturnValue"] = null }, statusCode: status);
}
