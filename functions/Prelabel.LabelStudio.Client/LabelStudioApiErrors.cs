using System.Security.Authentication;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Prelabel.LabelStudio.Client;

/// <summary>Turns failed REST calls into messages a user can act on, without secrets.</summary>
internal static class LabelStudioApiErrors
{
    /// <summary>Appended when a creating call failed after Label Studio may have received it.</summary>
    public const string MayHaveTakenEffect =
        " It was not repeated because it may already have taken effect: look for its result before sending it again.";

    public static LabelStudioRequestFailedException FromStatus(
        int status, LabelStudioCall call, HttpRequestMessage request, string? detail, int attempts, TimeSpan? retryAfter,
        LabelStudioClientOptions options, LabelStudioTokenProvider tokens)
    {
        var hint = status switch
        {
            401 when !tokens.HasApiKey => "LABEL_STUDIO_API_KEY is not set; set it to a legacy token or a Personal Access Token",
            401 when tokens.IsPersonalAccessToken => "the Personal Access Token in LABEL_STUDIO_API_KEY was refreshed and still rejected; create a new one in Label Studio (Account & Settings)",
            401 => "check LABEL_STUDIO_API_KEY (legacy tokens may be disabled for the organization; a Personal Access Token works then)",
            403 => $"the user of LABEL_STUDIO_API_KEY has no access to {call.Subject}; add the user to the project's organization or use another user's token",
            404 => $"{call.Subject} does not exist at LABEL_STUDIO_URL={request.RequestUri!.GetLeftPart(UriPartial.Authority)}{call.NotFoundHint}",
            429 when retryAfter > options.MaxRetryDelay =>
                $"Label Studio is rate limiting and asked to wait {retryAfter.Value.TotalSeconds:0} s, longer than the {options.MaxRetryDelay.TotalSeconds:0} s allowed; try again later",
            429 => $"Label Studio is still rate limiting after {attempts} attempt{(attempts == 1 ? "" : "s")}; try again later or lower the request rate",
            >= 500 when !call.Idempotent => "Label Studio failed; check its logs and health." + MayHaveTakenEffect.TrimEnd('.'),
            >= 500 => $"Label Studio failed {Attempts(attempts)}; check its logs and health, then try again",
            400 when !call.Idempotent => "Label Studio rejected what was sent",
            _ => "Label Studio refused the request; check LABEL_STUDIO_URL and the Label Studio version",
        };
        var said = string.IsNullOrWhiteSpace(detail) ? "" : $" Label Studio said: \"{detail}\"";
        return new LabelStudioRequestFailedException(
            $"{status} from Label Studio {call.What} ({request.Method} {request.RequestUri!.AbsolutePath}): {hint}.{said}",
            status, detail, null, retryAfter, LabelStudioRequestFailedException.IsTransientStatus(status));
    }

    /// <summary>A call that got no answer to map by status; null for anything that is not Label Studio's failure to report.</summary>
    public static LabelStudioRequestFailedException? FromFailure(LabelStudioCall call, string baseUrl, Exception error, LabelStudioClientOptions options) => error switch
    {
        TimeoutRejectedException => Timeout(call, baseUrl, options.RequestTimeout, !call.Idempotent, error),
        OperationCanceledException => Timeout(call, baseUrl, options.TotalTimeout, !call.Idempotent, error),
        HttpRequestException transport => FromTransport(call, baseUrl, transport),
        LabelStudioCredentialException credential => new LabelStudioRequestFailedException(
            $"Cannot authenticate {call.What}: {credential.Message}", credential.Status, null, credential,
            isTransient: LabelStudioRequestFailedException.IsTransientStatus(credential.Status)),
        BrokenCircuitException open => new LabelStudioRequestFailedException(
            $"Label Studio at LABEL_STUDIO_URL={baseUrl} failed most recent calls, so {call.What} was not sent; calls resume "
            + (open.RetryAfter is { } wait ? $"in {Math.Ceiling(wait.TotalSeconds):0} s" : "shortly") + ". Check its logs and health.",
            0, null, open, open.RetryAfter, isTransient: true),
        _ => null,
    };

    public static LabelStudioRequestFailedException Timeout(LabelStudioCall call, string baseUrl, TimeSpan limit, bool mayHaveTakenEffect, Exception error) => new(
        $"Label Studio did not answer {call.What} within {limit.TotalSeconds:0.###} s; check that LABEL_STUDIO_URL={baseUrl} is healthy or raise the request timeout."
        + (mayHaveTakenEffect ? MayHaveTakenEffect : ""),
        0, null, error, isTransient: true);

    public static LabelStudioRequestFailedException FromTransport(LabelStudioCall call, string baseUrl, HttpRequestException error)
    {
        if (error.InnerException is AddressBlockedException blocked)
        {
            return new($"Cannot reach Label Studio {call.What}: {blocked.Message}.", 0, null, error, isTransient: false);
        }

        var certificate = error.HttpRequestError == HttpRequestError.SecureConnectionError && error.InnerException is AuthenticationException;
        var hint = error.HttpRequestError switch
        {
            HttpRequestError.SecureConnectionError when certificate => "the TLS certificate was not accepted; install the CA certificate or set VERIFY_SSL=false",
            HttpRequestError.NameResolutionError => "the host name does not resolve; inside Docker use the service name, not localhost",
            HttpRequestError.ConnectionError => "nothing accepted the connection; check the host and port (inside Docker, localhost is the container itself)",
            _ => error.Message,
        };
        var reached = !call.Idempotent && !LabelStudioResilience.NeverSent(error) && error.HttpRequestError != HttpRequestError.SecureConnectionError;
        return new(
            $"Cannot reach Label Studio {call.What}: {hint} (LABEL_STUDIO_URL={baseUrl})." + (reached ? MayHaveTakenEffect : ""),
            0, null, error, isTransient: !certificate);
    }

    private static string Attempts(int attempts) => attempts == 1 ? "on the only attempt" : $"{attempts} times in a row";
}
