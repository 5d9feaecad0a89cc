using Prelabel.LabelStudio.Client;

namespace Prelabel.Backend;

/// <summary>Task media through Label Studio's client; its failures become 502 answers that keep the reason.</summary>
public sealed class LabelStudioTaskMedia(TaskMediaClient client) : ITaskMedia
{
    public async Task<byte[]> DownloadAsync(string uri, long? taskId, CancellationToken cancellationToken = default)
    {
        try
        {
            return await client.DownloadAsync(uri, taskId, cancellationToken);
        }
        catch (LabelStudioRequestFailedException e)
        {
            throw new BackendException(502, $"Image not reachable: {e.Message}", e);
        }
    }
}
