using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Prelabel.Storage;

/// <summary>
/// An Azure.Core pipeline with x-ms-version and one way of authorizing, shared by a service client and the
/// container, blob, lease and queue clients it hands out. A non-success answer becomes a <see cref="StorageRequestFailedException"/>.
/// </summary>
internal sealed class StoragePipeline
{
    // Azure Storage's scope for Microsoft Entra tokens, whatever the account.
    private const string StorageScope = "https://storage.azure.com/.default";

    private readonly HttpPipeline _pipeline;

    private StoragePipeline(StorageClientOptions? options, HttpPipelinePolicy? perCall, HttpPipelinePolicy? perRetry)
    {
        options ??= new StorageClientOptions();
        HttpPipelinePolicy[] perCallPolicies = perCall is null
            ? [new StorageVersionPolicy(options.ServiceVersion)]
            : [new StorageVersionPolicy(options.ServiceVersion), perCall];
        _pipeline = HttpPipelineBuilder.Build(options, perCallPolicies, perRetry is null ? [] : [perRetry], new ResponseClassifier());
    }

    public static StoragePipeline For(StorageSharedKeyCredential credential, StorageClientOptions? options) =>
        new(options, null, new StorageSharedKeyPolicy(credential));

    public static StoragePipeline For(AzureSasCredential credential, StorageClientOptions? options) =>
        new(options, new StorageSasPolicy(credential), null);

    /// <remarks>Azure.Core sends bearer tokens over https only.</remarks>
    public static StoragePipeline For(TokenCredential credential, StorageClientOptions? options) =>
        new(options, null, new BearerTokenAuthenticationPolicy(credential, StorageScope));

    /// <summary>A request to <paramref name="uri"/>; the caller disposes the message.</summary>
    public HttpMessage CreateMessage(RequestMethod method, Uri uri)
    {
        var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(uri);
        return message;
    }

    /// <returns>The response, owned by <paramref name="message"/>.</returns>
    /// <exception cref="StorageRequestFailedException">The message's classifier calls the answer an error, or every try went unanswered (status 0).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or OperationCanceledException or IOException
                                  && !cancellationToken.IsCancellationRequested)
        {
            // Retries exhausted on network errors or timeouts: one exception type for callers, Azure.Core's as the inner one.
            throw StorageRequestFailedException.Unanswered(message.Request, e);
        }

        var response = message.Response;
        return response.IsError
            ? throw await StorageRequestFailedException.FromResponseAsync(message.Request, response, cancellationToken).ConfigureAwait(false)
            : response;
    }
}
