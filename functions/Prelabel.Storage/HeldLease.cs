using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Prelabel.Storage;

/// <summary>
/// A blob lease (60 seconds unless told) kept alive by renewing it every third of its duration until disposed, then
/// released. A process that dies while holding it frees the blob within one duration, while a long piece of work keeps
/// it as long as it runs.
/// </summary>
public sealed class HeldLease : IAsyncDisposable
{
    /// <summary>The longest finite lease Blob storage grants.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(60);

    private readonly BlobLeaseClient _lease;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;

    private HeldLease(BlobLeaseClient lease, TimeSpan duration, Action<Exception>? renewFailed)
    {
        _lease = lease;
        _renewing = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(duration / 3, _stop.Token).ConfigureAwait(false);
                    await _lease.RenewAsync(cancellationToken: _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is RequestFailedException or AggregateException or OperationCanceledException)
                {
                    renewFailed?.Invoke(e);
                }
            }
        });
    }

    /// <summary>The lease id writes to the blob must carry while it is held.</summary>
    public string LeaseId => _lease.LeaseId;

    /// <summary>The lease, or null when another holder has the blob (409 LeaseAlreadyPresent).</summary>
    /// <param name="duration">15 to 60 seconds; <see cref="DefaultDuration"/> when null.</param>
    public static async Task<HeldLease?> TryAcquireAsync(BlobClient blob, TimeSpan? duration = null, Action<Exception>? renewFailed = null, CancellationToken cancellationToken = default)
    {
        var lease = blob.GetBlobLeaseClient();
        var length = duration ?? DefaultDuration;
        try
        {
            await lease.AcquireAsync(length, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new HeldLease(lease, length, renewFailed);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.LeaseAlreadyPresent)
        {
            return null;
        }
    }

    /// <summary>The lease, waiting (polling every <paramref name="retryEvery"/>) while another holder has it.</summary>
    public static async Task<HeldLease> AcquireAsync(BlobClient blob, TimeSpan retryEvery, Action<Exception>? renewFailed = null, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (await TryAcquireAsync(blob, null, renewFailed, cancellationToken).ConfigureAwait(false) is { } held)
            {
                return held;
            }

            await Task.Delay(retryEvery, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewing.ConfigureAwait(false);
        try
        {
            await _lease.ReleaseAsync().ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            // Expired and taken by someone else: nothing is held any more either way.
        }

        _stop.Dispose();
    }
}
