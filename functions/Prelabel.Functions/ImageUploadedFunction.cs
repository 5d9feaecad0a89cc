using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Prelabel.Importer;

namespace Prelabel.Functions;

/// <summary>
/// An upload to the images container, delivered by Event Grid to the blob extension (Flex supports no other source).
/// Only a reference to the blob crosses gRPC; the importer reads it with the app's own connection, through its ledger,
/// so however often this fires there is one task per blob and project.
/// </summary>
public sealed class ImageUploadedFunction(IServiceProvider services)
{
    public const string Container = "images";

    [Function("imageUploaded")]
    public async Task Run(
        [BlobTrigger(Container + "/{name}", Source = BlobTriggerSource.EventGrid, Connection = "IMAGES")] BlobClient blob,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        var created = BlobCreatedEvent.Create(blob.Uri, properties.ContentType, properties.ContentLength, properties.ETag.ToString());
        // The extension counts deliveries itself and moves the blob to its poison queue after the last; the reason is in this function's log.
        await ImageEventsFunction.Handle(services, context, created.ToJsonString(), dequeueCount: 1, cancellationToken);
    }
}
