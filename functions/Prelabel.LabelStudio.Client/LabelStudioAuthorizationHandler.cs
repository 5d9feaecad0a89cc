using System.Net;
using System.Net.Http.Headers;

namespace Prelabel.LabelStudio.Client;

/// <summary>
/// One attempt as Label Studio needs it: the Authorization header for requests to its origin, sent once more with a
/// refreshed token after a 401 (a 401 is answered before anything is done, so even a creating call may go again), and
/// the answer read inside the attempt when asked. Sits below the retries, so every attempt has a current token.
/// </summary>
internal sealed class LabelStudioAuthorizationHandler(LabelStudioTokenProvider tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var policy = LabelStudioRequestPolicy.Of(request);
        policy?.CountAttempt();
        var authorization = policy is { Authorize: true } ? await AuthorizeAsync(() => tokens.GetAuthorizationAsync(cancellationToken)).ConfigureAwait(false) : null;
        request.Headers.Authorization = authorization;
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized && authorization is not null
            && await AuthorizeAsync(() => tokens.RefreshAfterUnauthorizedAsync(authorization, cancellationToken)).ConfigureAwait(false) is { } refreshed)
        {
            response.Dispose();
            request.Headers.Authorization = refreshed;
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (policy is { BufferContent: true })
        {
            try
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }

        return response;
    }

    private static async Task<AuthenticationHeaderValue?> AuthorizeAsync(Func<ValueTask<AuthenticationHeaderValue?>> getHeader)
    {
        try
        {
            return await getHeader().ConfigureAwait(false);
        }
        catch (HttpRequestException error) when (error.StatusCode is not null || error.InnerException is null)
        {
            // The provider's own failures (rejected, expired, not Label Studio); a refresh that could not connect stays a transport failure.
            throw new LabelStudioCredentialException(error.Message, (int?)error.StatusCode ?? 0, error);
        }
    }
}
