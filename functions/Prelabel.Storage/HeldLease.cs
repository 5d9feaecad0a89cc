using Azure;

namespace Prelabel.Storage;

/// <summary>
/// A 60-second blob lease kept alive by renewing it every 20 seconds until disposed, then released. A process that
/// dies while holding it frees the blob within a minute, while a long piece of work keeps it as long as it runs.
/// </summary>
public sealed class HeldLease : IAsyncDisposable
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(20);

    private readonly BlobLeaseClient _lease;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;

    private HeldLease(BlobLeaseClient lease, Action<Exception>? renewFailed)
    {
        _lease = lease;
        _renewing = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(RenewEvery, _stop.Token).ConfigureAwait(false);
                    await _lease.RenewAsync(cancellationToken: _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (RequestFailedException e)
                {
                    renewFailed?.Invoke(e);
                }
            }
        });
    }

    /// <summary>The lease id writes to the blob must carry while it is held.</summary>
    public string LeaseId => _lease.LeaseId;

    /// <summary>The lease, or null when another holder has the blob (409 LeaseAlreadyPresent).</summary>
    public static async Task<HeldLease?> TryAcquireAsync(BlobClient blob, Action<Exception>? renewFailed = null, CancellationToken cancellationToken = default)
    {
        var lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(Duration, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new HeldLease(lease, renewFailed);
        }
        catch (StorageRequestFailedException e) when (e.ErrorCode == StorageErrorCode.LeaseAlreadyPresent)
        {
            return null;
        }
    }

    /// <summary>The lease, waiting (polling every <paramref name="retryEvery"/>) while another holder has it.</summary>
    public static async Task<HeldLease> AcquireAsync(BlobClient blob, TimeSpan retryEvery, Action<Exception>? renewFailed = null, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (await TryAcquireAsync(blob, renewFailed, cancellationToken).ConfigureAwait(false) is { } held)
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
