using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Prelabel.Importer;
using Prelabel.Storage;

namespace Prelabel.Host.Storage;

/// <summary>
/// Without the Functions host (scripts/run), the executable reads the image-events queue itself, as the host's queue
/// trigger would: each message goes to the same <see cref="ImageEventHandler"/>, done ones are deleted, others come
/// back after the handler's back-off.
/// </summary>
public sealed class LocalQueueListener(QueueClient queue, ImageEventHandler handler, ILogger<LocalQueueListener> logger) : BackgroundService
{
    /// <summary>Long enough for a slow prediction and import; a crash makes the message visible again after it.</summary>
    private static readonly TimeSpan Invisible = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                logger.LogInformation("Listening to queue {Queue} for uploaded images", queue.Name);
                while (!stoppingToken.IsCancellationRequested)
                {
                    QueueMessage[] messages = await queue.ReceiveMessagesAsync(8, Invisible, stoppingToken);
                    if (messages.Length == 0)
                    {
                        await Task.Delay(Idle, stoppingToken);
                        continue;
                    }
                    await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = stoppingToken }, HandleAsync);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError("Reading queue {Queue} failed, trying again in 5 s: {Reason}", queue.Name, StorageFailure.Describe(e));
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async ValueTask HandleAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        var fate = await handler.HandleAsync(message.MessageText, message.DequeueCount, cancellationToken);
        if (fate.Complete) await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        else await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: fate.RetryAfter, cancellationToken: cancellationToken);
    }
}
