using Azure.Core;
using Azure.Core.Pipeline;

namespace Prelabel.Storage;

/// <summary>Stamps x-ms-version on every request: the service answers in that version's shape.</summary>
internal sealed class StorageVersionPolicy(string version) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message) => message.Request.Headers.SetValue("x-ms-version", version);
}
