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
        // A delivery to try again is handed to the image-events queue, whose poison messages say why; the extension
        // retries (and at last poisons without a reason) only what failed before that hand-over.
        await ImageEventsFunction.Handle(services, context, handler => handler.HandleUploadAsync(created.ToJsonString(), cancellationToken));
    }
}
