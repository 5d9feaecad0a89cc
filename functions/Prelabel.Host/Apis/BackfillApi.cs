using Azure;
using Azure.Storage.Blobs.Models;
using System.Text.Json.Nodes;
using Prelabel.Backend;
using Prelabel.Importer.Backfill;

namespace Prelabel.Host.Apis;

/// <summary>
/// POST /backfill <c>{"container": "images", "prefix": "cam1/"}</c>: one BlobCreated event per routed blob goes to the
/// image-events queue, and the queue trigger does the rest on as many instances as it takes. Under the Functions host
/// the route needs a function key (authLevel function): it is for operators, not for Label Studio.
/// </summary>
public static class BackfillApi
{
    public static IEndpointRouteBuilder MapBackfillApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/backfill", BackfillAsync);
        return app;
    }

    public static async Task<IResult> BackfillAsync(HttpRequest request, IServiceProvider services)
    {
        var body = await services.GetRequiredService<RequestBody>().ReadJsonAsync(request);
        var container = PredictRequest.Text(body?["container"]) ?? throw BackendException.BadRequest("The body needs \"container\" (and may have \"prefix\").");
        var backfill = services.GetService<ContainerBackfill>()
            ?? throw new BackendException(409, "Uploads are not imported here: set IMPORT_ROUTES (and IMAGES) first.");
        BackfillSummary summary;
        try
        {
            summary = await backfill.EnqueueAsync(container, PredictRequest.Text(body?["prefix"]) ?? "", null, request.HttpContext.RequestAborted);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            throw new BackendException(404, $"There is no container {container} in the IMAGES storage account.");
        }
        return Results.Json(new JsonObject { ["enqueued"] = summary.Succeeded, ["not_routed"] = summary.Skipped, ["summary"] = summary.ToString() });
    }
}
