using System.Globalization;
using System.Text.Json.Nodes;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Prelabel.Storage;

namespace Prelabel.Importer;

/// <summary>
/// Exactly one task per blob per project, with at-least-once delivery: a claim blob
/// (<c>&lt;project&gt;/&lt;container&gt;/&lt;blob&gt;</c> in IMPORT_LEDGER_CONTAINER) is created with If-None-Match: *,
/// leased while a delivery works on it, and records the task id once the import succeeded. A delivery that finds an
/// unfinished claim (its worker crashed, or the import's answer was lost) must reconcile with Label Studio first.
/// </summary>
/// <param name="leaseDuration">How long a crashed delivery keeps others out; <see cref="HeldLease.DefaultDuration"/> when null.</param>
public sealed class ImportLedger(BlobContainerClient container, TimeSpan? leaseDuration = null)
{
    private readonly CreatedOnce _created = new(container);

    public async Task<LedgerClaim> ClaimAsync(long project, BlobCreatedEvent blob, CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken);
        var entry = container.GetBlobClient(EntryName(project, blob));
        var record = new JsonObject
        {
            ["state"] = "claimed",
            ["project"] = project,
            ["blob"] = blob.Path,
            ["etag"] = blob.ETag,
            ["claimed_at"] = DateTimeOffset.UtcNow.ToString("O"),
        };
        ETag? created = null;
        try
        {
            created = (await entry.UploadAsync(BinaryData.FromString(record.ToJsonString()), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken)).Value.ETag;
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobAlreadyExists)
        {
        }

        var lease = await HeldLease.TryAcquireAsync(entry, leaseDuration, cancellationToken: cancellationToken);
        if (lease is null) return new LedgerClaim(LedgerStatus.Busy, null);
        if (created is { } etag) return new LedgerClaim(LedgerStatus.New, null, entry, lease, record, etag);

        try
        {
            var stored = await ReadAsync(entry, cancellationToken);
            if (stored?.Record["task_id"] is JsonValue id && id.TryGetValue<long>(out var taskId))
            {
                await lease.DisposeAsync();
                return new LedgerClaim(LedgerStatus.Imported, taskId);
            }
            // Deleted between our create and our lease (a poisoned delivery forgot it): start again from nothing.
            return stored is { } found
                ? new LedgerClaim(LedgerStatus.Unfinished, null, entry, lease, found.Record, found.ETag)
                : new LedgerClaim(LedgerStatus.New, null, entry, lease, record, null);
        }
        catch
        {
            await lease.DisposeAsync();
            throw;
        }
    }

    private static string EntryName(long project, BlobCreatedEvent blob) =>
        $"{project.ToString(CultureInfo.InvariantCulture)}/{blob.Container}/{blob.BlobName}";

    private static async Task<(JsonObject Record, ETag ETag)?> ReadAsync(BlobClient entry, CancellationToken cancellationToken)
    {
        try
        {
            var download = (await entry.DownloadContentAsync(cancellationToken)).Value;
            return JsonNode.Parse(download.Content.ToMemory().Span) is JsonObject record ? (record, download.Details.ETag) : null;
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobNotFound)
        {
            return null;
        }
    }
}
