using System.Globalization;
using Prelabel.Backend;
using Prelabel.Inference.Embeddings;
using Prelabel.Storage;

namespace Prelabel.Host.Storage;

/// <summary>
/// Learned states as blobs (learned/&lt;project&gt;/&lt;control&gt;.json in LEARNED_STATE_CONTAINER), shared by every
/// instance. A project's training lock is a 60-second lease on learned/&lt;project&gt;/.lock, renewed while training
/// runs, so an instance that dies mid-refit frees it within a minute.
/// </summary>
public sealed class LearnedStateBlobs(BlobContainerClient container, ILogger<LearnedStateBlobs> logger) : ILearnedStateStore
{
    private static readonly TimeSpan RetryLockEvery = TimeSpan.FromSeconds(1);

    private readonly Lazy<Task> _created = new(() => container.CreateIfNotExistsAsync());

    public async Task<string?> TagAsync(long project, string control, CancellationToken cancellationToken)
    {
        try
        {
            return (await Blob(project, control).GetPropertiesAsync(cancellationToken: cancellationToken)).ETag.ToString();
        }
        catch (StorageRequestFailedException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    public async Task<(EmbeddingState State, string? Tag)> ReadAsync(long project, string control, CancellationToken cancellationToken)
    {
        var blob = Blob(project, control);
        try
        {
            using var download = await blob.DownloadStreamingAsync(long.MaxValue, cancellationToken: cancellationToken);
            using var bytes = new MemoryStream();
            await download.Content.CopyToAsync(bytes, cancellationToken);
            return (EmbeddingState.FromJson(bytes.GetBuffer().AsSpan(0, (int)bytes.Length), $"{container.Name}/{blob.Name}"), download.Details.ETag.ToString());
        }
        catch (StorageRequestFailedException e) when (e.IsNotFound)
        {
            return (EmbeddingState.Empty, null);
        }
    }

    public async Task<string> WriteAsync(long project, string control, EmbeddingState state, CancellationToken cancellationToken)
    {
        await _created.Value;
        var info = await Blob(project, control).UploadAsync(new BinaryData(state.ToJson()), new BlobUploadOptions { ContentType = "application/json" }, cancellationToken);
        return info.ETag.ToString();
    }

    public async Task<IAsyncDisposable> LockAsync(long project, CancellationToken cancellationToken)
    {
        await _created.Value;
        var blob = container.GetBlobClient($"{Prefix(project)}.lock");
        try
        {
            await blob.UploadAsync(BinaryData.Empty, new BlobUploadOptions { Conditions = BlobRequestConditions.IfNotExists() }, cancellationToken);
        }
        catch (StorageRequestFailedException e) when (e.IsConflict || e.IsPreconditionFailed)
        {
            // It exists (and may be leased): that is all this needed.
        }
        return await HeldLease.AcquireAsync(blob, RetryLockEvery,
            e => logger.LogWarning("The training lease of project {Project} could not be renewed: {Reason}", project, e.Message), cancellationToken);
    }

    private BlobClient Blob(long project, string control) => container.GetBlobClient($"{Prefix(project)}{LearnedStateFiles.SafeName(control)}.json");

    private static string Prefix(long project) => $"{ModelContainerSync.LearnedPrefix}{project.ToString(CultureInfo.InvariantCulture)}/";
}
