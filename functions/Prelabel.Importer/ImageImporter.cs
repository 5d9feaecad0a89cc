using System.Text.Json.Nodes;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Prelabel.Backend;
using Prelabel.LabelStudio.Client;
using Prelabel.LabelStudio.Predictions;
using Prelabel.Storage;

namespace Prelabel.Importer;

/// <summary>
/// The upload → task use case for one BlobCreated event: skip what is not an image, read the blob, predict with the
/// project's labeling config exactly as /predict would, and import one task per project whose route the blob matches,
/// with the prediction inline and the source blob in its meta, through the ledger so that repeats are harmless.
/// </summary>
public sealed class ImageImporter(
    BlobServiceClient images,
    ImportLedger ledger,
    ImportRoutes routes,
    ITaskSink sink,
    MlBackend backend,
    ImportOptions options,
    ILogger<ImageImporter> logger)
{
    public async Task<ImportOutcome> ImportAsync(BlobCreatedEvent blob, CancellationToken cancellationToken)
    {
        using var activity = PrelabelTelemetry.Source.StartActivity("upload");
        activity?.SetTag("prelabel.blob", blob.Path);
        var outcome = await ImportRoutedAsync(blob, cancellationToken);
        activity?.SetTag("prelabel.import.result", outcome.Result.ToString());
        if (outcome.Result is ImportResult.Poison or ImportResult.Retry) activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, outcome.Reason);
        return outcome;
    }

    private async Task<ImportOutcome> ImportRoutedAsync(BlobCreatedEvent blob, CancellationToken cancellationToken)
    {
        if (NotAnImage(blob) is { } why) return ImportOutcome.Skipped(why);
        var projects = routes.ProjectsFor(blob.Container, blob.BlobName);
        if (projects.Count == 0)
            return ImportOutcome.Poison($"No Label Studio project takes {blob.Path}: add a route for it to IMPORT_ROUTES (e.g. {blob.Container}=<project id>).");
        var outcomes = new List<(long, ImportOutcome)>();
        foreach (var project in projects)
            outcomes.Add((project, await ImportIntoAsync(project, blob, cancellationToken)));
        return ImportOutcome.Combine(outcomes);
    }

    private async Task<ImportOutcome> ImportIntoAsync(long project, BlobCreatedEvent blob, CancellationToken cancellationToken)
    {
        await using var claim = await ledger.ClaimAsync(project, blob, cancellationToken);
        switch (claim.Status)
        {
            case LedgerStatus.Imported:
                return ImportOutcome.AlreadyImported(claim.TaskId!.Value);
            case LedgerStatus.Busy:
                return ImportOutcome.Busy($"another delivery of {blob.Path} is being imported");
        }
        try
        {
            var outcome = await ImportClaimedAsync(project, blob, claim, cancellationToken);
            if (outcome.Result is ImportResult.Poison or ImportResult.Skipped) await claim.ForgetAsync(cancellationToken);
            return outcome;
        }
        catch (LabelStudioRequestFailedException e)
        {
            return e.IsTransient
                ? ImportOutcome.Retry($"Label Studio: {e.Message}", e.RetryAfter)
                : await ForgetAsync(claim, ImportOutcome.Poison($"Label Studio refused project {project}: {e.Message}"), cancellationToken);
        }
    }

    private async Task<ImportOutcome> ImportClaimedAsync(long project, BlobCreatedEvent blob, LedgerClaim claim, CancellationToken cancellationToken)
    {
        var config = await sink.LabelConfigAsync(project, cancellationToken);
        if (string.IsNullOrWhiteSpace(config)) return ImportOutcome.Poison($"Project {project} has no labeling config yet.");
        var uri = $"azure-blob://{blob.Container}/{blob.BlobName}";

        byte[] bytes;
        try
        {
            bytes = await ReadAsync(blob, cancellationToken);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobNotFound || e.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            return ImportOutcome.Skipped($"{blob.Path} was deleted before it could be read");
        }
        catch (BlobTooLargeException)
        {
            return ImportOutcome.Poison($"{blob.Path} is larger than IMPORT_MAX_BYTES ({options.MaxBytes} bytes).");
        }

        Prediction prediction;
        string version, key;
        try
        {
            (prediction, version, key) = await backend.PredictImageAsync(config, project, bytes, cancellationToken);
        }
        catch (BackendException e) when (e.Status is >= 400 and < 500)
        {
            return ImportOutcome.Poison($"{blob.Path} cannot be pre-annotated for project {project}: {e.Message}");
        }
        catch (BackendException e) when (e.RetryAfter is not null)
        {
            // The instance's prediction slots are full: waiting for room is not a failure, so it never counts towards poison.
            return ImportOutcome.Busy(e.Message);
        }

        // A delivery before this one may have created the task and died before writing the ledger: find it first.
        if (claim.Status == LedgerStatus.Unfinished && await sink.FindAsync(project, blob, key, uri, cancellationToken) is { } found)
        {
            await claim.RecordAsync(found, cancellationToken);
            return ImportOutcome.Imported(found, $"{sink.Describe(project, blob, found)}, found after an unfinished delivery");
        }

        var task = new JsonObject
        {
            ["data"] = new JsonObject { [key] = uri },
            ["meta"] = new JsonObject { ["source_blob"] = blob.Path, ["etag"] = blob.ETag, ["event_id"] = blob.Id },
            ["predictions"] = new JsonArray(new JsonObject
            {
                ["model_version"] = version,
                ["score"] = prediction.Score,
                ["result"] = new JsonArray([.. prediction.Result.Select(r => (JsonNode)r.DeepClone())]),
            }),
        };
        var taskId = await sink.CreateAsync(project, blob, task, cancellationToken);
        await claim.RecordAsync(taskId, cancellationToken);
        var created = sink.Describe(project, blob, taskId);
        logger.LogInformation("{Blob} became {Task} of project {Project} ({Regions} regions, {Version})", blob.Path, created, project, prediction.Result.Count, version);
        return ImportOutcome.Imported(taskId, created);
    }

    private static async Task<ImportOutcome> ForgetAsync(LedgerClaim claim, ImportOutcome outcome, CancellationToken cancellationToken)
    {
        await claim.ForgetAsync(cancellationToken);
        return outcome;
    }

    /// <summary>
    /// Through the app's own storage connection: the event's URL only names the blob, it is never fetched as given. The
    /// answer's Content-Length is checked against IMPORT_MAX_BYTES before any byte of the body is read.
    /// </summary>
    private async Task<byte[]> ReadAsync(BlobCreatedEvent blob, CancellationToken cancellationToken)
    {
        var (bytes, _) = await images.GetBlobContainerClient(blob.Container).GetBlobClient(blob.BlobName).DownloadCappedAsync(options.MaxBytes, cancellationToken);
        return bytes;
    }

    private string? NotAnImage(BlobCreatedEvent blob)
    {
        var extension = Path.GetExtension(blob.BlobName).ToLowerInvariant();
        if (!options.Extensions.Contains(extension))
            return $"{blob.Path} does not end in an image extension ({string.Join(", ", options.Extensions)})";
        var type = blob.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (type is { Length: > 0 } and not "application/octet-stream" && !options.ContentTypes.Contains(type))
            return $"{blob.Path} has content type {type}, not one of {string.Join(", ", options.ContentTypes)}";
        return null;
    }
}
