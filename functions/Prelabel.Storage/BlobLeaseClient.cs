using Azure;
using Azure.Core;

namespace Prelabel.Storage;

/// <summary>
/// A lease on one blob: while it is active, writes and deletes must carry <see cref="LeaseId"/>
/// (<see cref="BlobRequestConditions.LeaseId"/>), so one writer at a time can own the blob.
/// </summary>
public sealed class BlobLeaseClient
{
    /// <summary>A lease that lasts until released or broken.</summary>
    public static readonly TimeSpan InfiniteLeaseDuration = TimeSpan.FromSeconds(-1);

    private readonly StoragePipeline _pipeline;

    internal BlobLeaseClient(StoragePipeline pipeline, Uri blobUri, string? leaseId)
    {
        (_pipeline, Uri) = (pipeline, blobUri);
        LeaseId = leaseId ?? Guid.NewGuid().ToString();
    }

    public Uri Uri { get; }

    /// <summary>The lease id this client proposes, renews and releases; the service's answer replaces it on acquire.</summary>
    public string LeaseId { get; private set; }

    /// <param name="duration">15 to 60 whole seconds, or <see cref="InfiniteLeaseDuration"/>.</param>
    /// <exception cref="StorageRequestFailedException">409 LeaseAlreadyPresent when another lease is active.</exception>
    public async Task<BlobLease> AcquireAsync(TimeSpan duration, RequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        if (duration != InfiniteLeaseDuration && (duration < TimeSpan.FromSeconds(15) || duration > TimeSpan.FromSeconds(60) || duration.Ticks % TimeSpan.TicksPerSecond != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A lease lasts 15 to 60 whole seconds, or is infinite.");
        }

        var lease = await SendAsync("acquire", conditions, cancellationToken, request =>
        {
            request.Headers.SetValue("x-ms-lease-duration", StorageHeaders.Seconds(duration));
            request.Headers.SetValue("x-ms-proposed-lease-id", LeaseId);
        }).ConfigureAwait(false);
        LeaseId = lease.LeaseId;
        return lease;
    }

    /// <summary>Restarts the lease's clock; also works on a lease that expired if nobody wrote since.</summary>
    public Task<BlobLease> RenewAsync(RequestConditions? conditions = null, CancellationToken cancellationToken = default) =>
        SendAsync("renew", conditions, cancellationToken, request => request.Headers.SetValue("x-ms-lease-id", LeaseId));

    /// <summary>Ends the lease at once, so others may write or lease the blob.</summary>
    public Task ReleaseAsync(RequestConditions? conditions = null, CancellationToken cancellationToken = default) =>
        SendAsync("release", conditions, cancellationToken, request => request.Headers.SetValue("x-ms-lease-id", LeaseId));

    private async Task<BlobLease> SendAsync(string action, RequestConditions? conditions, CancellationToken cancellationToken, Action<Request> addHeaders)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Put, Uri);
        message.Request.Uri.AppendQuery("comp", "lease");
        message.Request.Headers.SetValue("x-ms-lease-action", action);
        addHeaders(message.Request);
        StorageHeaders.AddConditions(message.Request, conditions);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var leaseId = response.Headers.TryGetValue("x-ms-lease-id", out var id) ? id : LeaseId;
        return new BlobLease(leaseId, StorageHeaders.RequiredETag(response.Headers), StorageHeaders.LastModified(response.Headers));
    }
}
