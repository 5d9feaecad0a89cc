using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prelabel.Importer;

namespace Prelabel.Functions;

/// <summary>
/// The queue door to the importer: BlobCreated events that POST /backfill enqueues, uploads the blob trigger hands over
/// to be tried again, and (with the Bicep's uploadTrigger 'queue') every upload, written there by Event Grid. A message
/// whose import should be tried again throws, so the queue extension brings it back and, after its last delivery, moves
/// it to image-events-poison.
/// </summary>
public sealed class ImageEventsFunction(IServiceProvider services)
{
    [Function("imageEvents")]
    public Task Run([QueueTrigger("image-events", Connection = "IMAGES")] string message, long dequeueCount, FunctionContext context, CancellationToken cancellationToken) =>
        Handle(services, context, handler => handler.HandleAsync(message, dequeueCount, cancellationToken));

    /// <summary>One line per delivery under the function's execution ("Imported: …", "AlreadyImported: …", "Skipped: …"), or the exception that brings it back.</summary>
    internal static async Task Handle(IServiceProvider services, FunctionContext context, Func<ImageEventHandler, Task<MessageFate>> handle)
    {
        var handler = services.GetService<ImageEventHandler>()
            ?? throw new InvalidOperationException("An image event arrived but uploads are not imported: set IMPORT_ROUTES (and LABEL_STUDIO_URL, LABEL_STUDIO_API_KEY, IMAGES).");
        var fate = await handle(handler);
        var outcome = $"{fate.Outcome.Result}: {fate.Outcome.Reason}";
        if (!fate.Complete) throw new ImportRetryException(outcome);
        context.GetLogger(context.FunctionDefinition.Name).LogInformation("{Outcome}", outcome);
    }
}
