using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Prelabel.Storage;

namespace Prelabel.Importer;

/// <summary>
/// One delivery of an image-events message, however it arrived (the Functions host's queue trigger, or the local
/// queue listener): parses the event, imports it, and decides the message's fate. Nothing is dropped silently: a
/// message is done (imported, already imported, or skipped with a logged reason), comes back later, or goes to the
/// poison queue as JSON with the reason a person can act on.
/// </summary>
public sealed class ImageEventHandler(ImageImporter importer, QueueClient queue, QueueClient poisonQueue, ImportOptions options, ILogger<ImageEventHandler> logger)
{
    private readonly CreatedOnce _poisonCreated = new(poisonQueue);
    private readonly CreatedOnce _queueCreated = new(queue);

    /// <param name="message">The queue message text (raw or base64 JSON).</param>
    /// <param name="dequeueCount">Deliveries so far, this one included.</param>
    public async Task<MessageFate> HandleAsync(string message, long dequeueCount, CancellationToken cancellationToken)
    {
        var blob = BlobCreatedEvent.Parse(message, out var invalid);
        ImportOutcome outcome;
        if (blob is null)
        {
            var notBlobCreated = invalid!.StartsWith("the event type is", StringComparison.Ordinal);
            outcome = notBlobCreated ? ImportOutcome.Skipped(invalid) : ImportOutcome.Poison($"Not an Event Grid BlobCreated event: {invalid}.");
        }
        else
        {
            try
            {
                outcome = await importer.ImportAsync(blob, cancellationToken);
            }
            catch (Exception e) when (IsTransient(e, cancellationToken))
            {
                outcome = ImportOutcome.Retry(StorageFailure.Describe(e));
            }
        }

        var subject = blob?.Path ?? "message";
        switch (outcome.Result)
        {
            case ImportResult.Imported or ImportResult.AlreadyImported:
                logger.LogInformation("{Blob}: {Reason}", subject, outcome.Reason);
                return MessageFate.Done(outcome);
            case ImportResult.Skipped:
                logger.LogInformation("{Blob} skipped: {Reason}", subject, outcome.Reason);
                return MessageFate.Done(outcome);
            case ImportResult.Busy:
                // A fresh copy, due when the other delivery (or a prediction slot) should be free: its dequeue count starts
                // again, so waiting never counts towards the poison queue, under the Functions host as locally.
                await RequeueAsync(blob!.Json, options.RetryDelay, cancellationToken);
                logger.LogInformation("{Blob}: {Reason}; looking again in {Delay}", subject, outcome.Reason, options.RetryDelay);
                return MessageFate.Done(outcome);
            case ImportResult.Retry when dequeueCount < options.MaxDequeueCount:
                var delay = outcome.RetryAfter ?? Backoff(options.RetryDelay, dequeueCount);
                logger.LogWarning("{Blob} will be tried again in {Delay} (delivery {Count} of {Max}): {Reason}", subject, delay, dequeueCount, options.MaxDequeueCount, outcome.Reason);
                return MessageFate.Later(outcome, delay);
            default:
                var reason = outcome.Result == ImportResult.Retry
                    ? $"Still failing after {dequeueCount} deliveries: {outcome.Reason}"
                    : outcome.Reason;
                await PoisonAsync(message, blob, reason, dequeueCount, cancellationToken);
                logger.LogError("{Blob} sent to {Queue}: {Reason}", subject, options.PoisonQueue, reason);
                return MessageFate.Done(outcome with { Result = ImportResult.Poison, Reason = reason });
        }
    }

    /// <summary>
    /// An upload announced to the blob trigger. A delivery to try again goes to the image-events queue as a fresh
    /// message, due after the delay: the queue door counts its deliveries and poisons it with the reason in the end,
    /// which the blob extension's own retries cannot (its poison queue holds no reason).
    /// </summary>
    public async Task<MessageFate> HandleUploadAsync(string eventJson, CancellationToken cancellationToken)
    {
        var fate = await HandleAsync(eventJson, dequeueCount: 1, cancellationToken);
        if (fate.Complete) return fate;
        await RequeueAsync(eventJson, fate.RetryAfter, cancellationToken);
        return MessageFate.Done(fate.Outcome with { Reason = $"{fate.Outcome.Reason}; handed to {queue.Name}, due in {fate.RetryAfter}" });
    }

    /// <summary>A fresh message for the event, due after <paramref name="delay"/>; base64, as Event Grid writes and the host reads.</summary>
    private async Task RequeueAsync(string eventJson, TimeSpan delay, CancellationToken cancellationToken)
    {
        await _queueCreated.EnsureAsync(cancellationToken);
        await queue.SendMessageAsync(BlobCreatedEvent.QueueMessage(eventJson), delay, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// A failure that may pass: a storage call the SDK gave up on, a network error, or the backend failing on its side.
    /// The message comes back, and goes to the poison queue in the end.
    /// </summary>
    private static bool IsTransient(Exception e, CancellationToken cancellationToken) =>
        StorageFailure.Is(e, cancellationToken) || e is HttpRequestException or IOException or TimeoutException or Backend.BackendException;

    /// <summary>5 s, 10 s, 20 s … (from IMPORT_RETRY_SECONDS) up to 10 minutes: Label Studio gets room to recover.</summary>
    public static TimeSpan Backoff(TimeSpan first, long dequeueCount) =>
        TimeSpan.FromSeconds(Math.Min(600, first.TotalSeconds * Math.Pow(2, Math.Clamp(dequeueCount - 1, 0, 20))));

    private async Task PoisonAsync(string message, BlobCreatedEvent? blob, string reason, long dequeueCount, CancellationToken cancellationToken)
    {
        await _poisonCreated.EnsureAsync(cancellationToken);
        var poison = new JsonObject
        {
            ["reason"] = reason,
            ["blob"] = blob?.Path,
            ["dequeue_count"] = dequeueCount,
            ["failed_at"] = DateTimeOffset.UtcNow.ToString("O"),
            ["message"] = message,
        };
        await poisonQueue.SendMessageAsync(poison.ToJsonString(), cancellationToken: cancellationToken);
    }
}
