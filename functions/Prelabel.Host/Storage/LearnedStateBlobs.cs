using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
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

    private readonly CreatedOnce _created = new(container);

    public async Task<string?> TagAsync(long project, string control, CancellationToken cancellationToken)
    {
        try
        {
            return (await Blob(project, control).GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ETag.ToString();
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobNotFound)
        {
            return null;
        }
    }

    public async Task<(EmbeddingState State, string? Tag)> ReadAsync(long project, string control, CancellationToken cancellationToken)
    {
        var blob = Blob(project, control);
        try
        {
            var download = (await blob.DownloadContentAsync(cancellationToken)).Value;
            return (EmbeddingState.FromJson(download.Content.ToArray(), $"{container.Name}/{blob.Name}"), download.Details.ETag.ToString());
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobNotFound)
        {
            return (EmbeddingState.Empty, null);
        }
    }

    public async Task<string> WriteAsync(long project, string control, EmbeddingState state, CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken);
        var info = await Blob(project, control).UploadAsync(new BinaryData(state.ToJson()),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } }, cancellationToken);
        return info.Value.ETag.ToString();
    }

    public async Task<IAsyncDisposable> LockAsync(long project, CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken);
        var blob = container.GetBlobClient($"{Prefix(project)}.lock");
        try
        {
            await blob.UploadAsync(BinaryData.Empty, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobAlreadyExists)
        {
            // It exists (and may be leased): that is all this needed.
        }
        return await HeldLease.AcquireAsync(blob, RetryLockEvery,
            e => logger.LogWarning("The training lease of project {Project} could not be renewed: {Reason}", project, e.Message), cancellationToken);
    }

    private BlobClient Blob(long project, string control) => container.GetBlobClient($"{Prefix(project)}{LearnedStateFiles.SafeName(control)}.json");

    private static string Prefix(long project) => $"{ModelContainerSync.LearnedPrefix}{project.ToString(CultureInfo.InvariantCulture)}/";
}
