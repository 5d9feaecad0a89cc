using Azure;
using Azure.Identity;

namespace Prelabel.Storage;

/// <summary>How a storage call fails once the SDK has spent its own retries, and how to say so in one line.</summary>
public static class StorageFailure
{
    /// <summary>
    /// The service answered with an error (RequestFailedException), several network errors in a row (AggregateException),
    /// a try timed out (a cancellation <paramref name="cancellationToken"/> did not ask for), or no token could be had
    /// for the app's identity.
    /// </summary>
    public static bool Is(Exception e, CancellationToken cancellationToken) =>
        e is RequestFailedException or AggregateException or AuthenticationFailedException
        || e is OperationCanceledException && !cancellationToken.IsCancellationRequested;

    /// <summary>Status, error code and the service's first line: the SDK's message goes on to list the answer's headers.</summary>
    public static string Describe(Exception e) => e is RequestFailedException failed
        ? $"storage answered {(failed.Status == 0 ? "nothing" : failed.Status)}{(failed.ErrorCode is { } code ? " " + code : "")}: {failed.Message.Split('\n', 2)[0].Trim()}"
        : $"{e.GetType().Name}: {e.Message}";
}
