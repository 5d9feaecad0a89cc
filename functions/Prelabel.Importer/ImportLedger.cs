using System.Globalization;
using System.Text.Json.Nodes;
using Prelabel.Storage;

namespace Prelabel.Importer;

/// <summary>
/// Exactly one task per blob per project, with at-least-once delivery: a claim blob
/// (<c>&lt;project&gt;/&lt;container&gt;/&lt;blob&gt;</c> in IMPORT_LEDGER_CONTAINER) is created with If-None-Match: *,
/// leased while a delivery works on it, and records the task id once the import succeeded. A delivery that finds an
/// unfinished claim (its worker crashed, or the import's answer was lost) must reconcile with Label Studio first.
/// </summary>
public sealed class ImportLedger(BlobContainerClient container)
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
        var fresh = true;
        try
        {
            await entry.UploadAsync(BinaryData.FromString(record.ToJsonString()),
                new BlobUploadOptions { ContentType = "application/json", Conditions = BlobRequestConditions.IfNotExists() }, cancellationToken);
        }
        catch (StorageRequestFailedException e) when (e.IsConflict || e.IsPreconditionFailed)
        {
            fresh = false;
        }

        var lease = await HeldLease.TryAcquireAsync(entry, cancellationToken: cancellationToken);
        if (lease is null) return new LedgerClaim(LedgerStatus.Busy, null);
        if (fresh) return new LedgerClaim(LedgerStatus.New, null, entry, lease, record);

        try
        {
            var stored = await ReadAsync(entry, cancellationToken);
            if (stored?["task_id"] is JsonValue id && id.TryGetValue<long>(out var taskId))
            {
                await lease.DisposeAsync();
                return new LedgerClaim(LedgerStatus.Imported, taskId);
            }
            // Deleted between our create and our lease (a poisoned delivery forgot it): start again from nothing.
            return new LedgerClaim(stored is null ? LedgerStatus.New : LedgerStatus.Unfinished, null, entry, lease, stored ?? record);
        }
        catch
        {
            await lease.DisposeAsync();
            throw;
        }
    }

    private static string EntryName(long project, BlobCreatedEvent blob) =>
        $"{project.ToString(CultureInfo.InvariantCulture)}/{blob.Container}/{blob.BlobName}";

    private static async Task<JsonObject?> ReadAsync(BlobClient entry, CancellationToken cancellationToken)
    {
        try
        {
            var (bytes, _) = await entry.DownloadContentAsync(1024 * 1024, cancellationToken: cancellationToken);
            return JsonNode.Parse(bytes) as JsonObject;
        }
        catch (StorageRequestFailedException e) when (e.IsNotFound)
        {
            return null;
        }
    }
}
