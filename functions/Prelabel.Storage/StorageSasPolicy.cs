using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Prelabel.Storage;

/// <summary>Appends a shared access signature's query to each request. Runs once per call, not per retry, so the query is not appended twice.</summary>
internal sealed class StorageSasPolicy(AzureSasCredential credential) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var sas = credential.Signature.TrimStart('?');
        var query = message.Request.Uri.Query;
        message.Request.Uri.Query = string.IsNullOrEmpty(query) || query == "?" ? "?" + sas : query + "&" + sas;
    }
}
