using System.Text.Json.Nodes;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Prelabel.Storage;

namespace Prelabel.Importer;

/// <summary>
/// One blob's entry in the import ledger for one project, as found by <see cref="ImportLedger.ClaimAsync"/>. While
/// held (<see cref="Status"/> New or Unfinished) its lease keeps every other delivery of the same blob out, and its
/// writes are conditioned on the lease and on the entry's ETag as it was claimed.
/// </summary>
public sealed class LedgerClaim : IAsyncDisposable
{
    private readonly BlobClient? _entry;
    private readonly HeldLease? _lease;
    private readonly JsonObject _record;
    private readonly ETag? _etag;

    internal LedgerClaim(LedgerStatus status, long? taskId, BlobClient? entry = null, HeldLease? lease = null, JsonObject? record = null, ETag? etag = null)
    {
        (Status, TaskId, _entry, _lease, _record, _etag) = (status, taskId, entry, lease, record ?? [], etag);
    }

    public LedgerStatus Status { get; }

    /// <summary>The task the blob became, when the ledger already knows it.</summary>
    public long? TaskId { get; }

    /// <summary>Writes down the task the blob became; later deliveries of the blob stop at the ledger.</summary>
    /// <exception cref="RequestFailedException">ConditionNotMet or a lease error: the claim was lost (its lease expired and another delivery took it).</exception>
    public async Task RecordAsync(long taskId, CancellationToken cancellationToken)
    {
        var record = _record.DeepClone().AsObject();
        record["state"] = "imported";
        record["task_id"] = taskId;
        record["imported_at"] = DateTimeOffset.UtcNow.ToString("O");
        await Entry.UploadAsync(BinaryData.FromString(record.ToJsonString()), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            Conditions = Conditions(),
        }, cancellationToken);
    }

    /// <summary>Removes the claim (the blob went to the poison queue or is gone), so a later delivery starts afresh.</summary>
    public Task ForgetAsync(CancellationToken cancellationToken) =>
        Entry.DeleteIfExistsAsync(conditions: Conditions(), cancellationToken: cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_lease is not null) await _lease.DisposeAsync();
    }

    // No ETag when the entry vanished between create and lease and this delivery starts afresh: the lease alone guards it.
    private BlobRequestConditions Conditions() => new() { LeaseId = Lease.LeaseId, IfMatch = _etag };

    private BlobClient Entry => _entry ?? throw new InvalidOperationException($"A {Status} claim is not held.");

    private HeldLease Lease => _lease ?? throw new InvalidOperationException($"A {Status} claim is not held.");
}
