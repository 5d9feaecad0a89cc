using System.Globalization;
using System.Text.Json.Nodes;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Prelabel.Storage;

namespace Prelabel.Importer;

/// <summary>
/// Instead of calling Label Studio, one task file per image (<c>tasks/&lt;project&gt;/&lt;container&gt;/&lt;blob&gt;.json</c>)
/// for a Label Studio Azure source storage with "Treat every bucket object as a source file" off to sync. Its name
/// follows from the blob, and it is written only if absent, so re-deliveries and re-syncs never make a second task.
/// No Label Studio token is needed: the labeling config comes from IMPORT_LABEL_CONFIG.
/// </summary>
public sealed class TaskFiles(BlobContainerClient container, string labelConfig) : ITaskSink
{
    public const string Prefix = "tasks/";

    private readonly CreatedOnce _created = new(container);

    public Task<string> LabelConfigAsync(long project, CancellationToken cancellationToken) => Task.FromResult(labelConfig);

    // The file either exists, complete, or not at all: there is never a half-made task to find.
    public Task<long?> FindAsync(long project, BlobCreatedEvent blob, string dataKey, string uri, CancellationToken cancellationToken) =>
        Task.FromResult<long?>(null);

    public async Task<long> CreateAsync(long project, BlobCreatedEvent blob, JsonObject task, CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken);
        try
        {
            await container.GetBlobClient(FileName(project, blob)).UploadAsync(BinaryData.FromString(task.ToJsonString()),
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" }, Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                cancellationToken);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobAlreadyExists)
        {
            // Written by an earlier delivery: the same task, so nothing to do.
        }
        return 0;
    }

    public string Describe(long project, BlobCreatedEvent blob, long id) => $"task file {container.Name}/{FileName(project, blob)}";

    public static string FileName(long project, BlobCreatedEvent blob) =>
        $"{Prefix}{project.ToString(CultureInfo.InvariantCulture)}/{blob.Container}/{blob.BlobName}.json";
}
