using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Prelabel.Backend;
using Prelabel.Inference.Models;
using Prelabel.Storage;

namespace Prelabel.Host.Storage;

/// <summary>
/// Mirrors the models container (MODELS_CONTAINER) into MODEL_DIR: every blob is downloaded once per instance and
/// again only when its ETag changes, checked at most every MODEL_REFRESH_SECONDS while requests come in (an idle
/// instance asks storage nothing). A changed model is loaded afresh on its next use. Learned states, kept in the same
/// container under learned/, are not models and stay out.
/// </summary>
public sealed class ModelContainerSync(BlobContainerClient container, string directory, ModelRegistry registry, TimeSpan refresh, ILogger<ModelContainerSync> logger) : IModelStore
{
    public const string LearnedPrefix = "learned/";

    /// <summary>A model bigger than this is refused rather than filling the instance's disk.</summary>
    private const long MaxModelBytes = 4L << 30;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, ETag> _etags = new(StringComparer.Ordinal);
    private DateTimeOffset _lastAttempt = DateTimeOffset.MinValue;
    private bool _synced;
    private int _refreshing;

    public async Task EnsureCurrentAsync(CancellationToken cancellationToken)
    {
        var due = DateTimeOffset.UtcNow - _lastAttempt >= refresh;
        if (!_synced)
        {
            // Until the first copy succeeds there is nothing to predict with, so wait for it (but do not hammer storage).
            if (due || _lastAttempt == DateTimeOffset.MinValue) await TrySyncAsync(cancellationToken);
            return;
        }
        if (due && Interlocked.Exchange(ref _refreshing, 1) == 0)
            _ = Task.Run(async () =>
            {
                try
                {
                    await TrySyncAsync(CancellationToken.None);
                }
                finally
                {
                    Volatile.Write(ref _refreshing, 0);
                }
            });
    }

    private async Task TrySyncAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SyncAsync(cancellationToken);
        }
        catch (Exception e) when (StorageFailure.Is(e, cancellationToken) || e is IOException or BlobTooLargeException)
        {
            logger.LogError("The models container {Container} could not be copied to {Directory}: {Reason}", container.Name, directory, StorageFailure.Describe(e));
        }
    }

    /// <summary>Downloads new and changed blobs, deletes the copies of deleted ones.</summary>
    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _lastAttempt = DateTimeOffset.UtcNow;
            var root = Path.GetFullPath(directory);
            Directory.CreateDirectory(root);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions(), cancellationToken))
            {
                if (blob.Name.StartsWith(LearnedPrefix, StringComparison.Ordinal)) continue;
                var local = Path.GetFullPath(Path.Combine(root, blob.Name));
                if (!local.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    logger.LogWarning("Blob {Blob} in the models container would land outside MODEL_DIR; skipped", blob.Name);
                    continue;
                }
                seen.Add(blob.Name);
                if (_etags.TryGetValue(blob.Name, out var known) && known == blob.Properties.ETag && File.Exists(local)) continue;
                _etags[blob.Name] = await DownloadAsync(blob.Name, local, cancellationToken);
                registry.Forget(local);
                logger.LogInformation("Model file {Blob} copied from the models container ({Bytes} bytes)", blob.Name, blob.Properties.ContentLength);
            }
            foreach (var gone in _etags.Keys.Where(n => !seen.Contains(n)).ToArray())
            {
                var local = Path.Combine(root, gone);
                File.Delete(local);
                registry.Forget(local);
                _etags.Remove(gone);
                logger.LogInformation("Model file {Blob} deleted from the models container; removed here too", gone);
            }
            _synced = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    // Through a temporary file in the same folder, so a model is never read half-written.
    private async Task<ETag> DownloadAsync(string name, string local, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(local)!);
        var temp = $"{local}.{Guid.NewGuid():N}.download";
        try
        {
            using var download = await container.GetBlobClient(name).OpenCappedAsync(MaxModelBytes, cancellationToken);
            await using (var file = File.Create(temp))
                await download.Content.CopyToAsync(file, cancellationToken);
            File.Move(temp, local, overwrite: true);
            return download.Details.ETag;
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
