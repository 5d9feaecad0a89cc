using System.Security.Authentication;

namespace Prelabel.LabelStudio.Client;

/// <summary>Turns failed REST calls into messages a user can act on, without secrets.</summary>
internal static class LabelStudioApiErrors
{
    public static LabelStudioRequestFailedException FromStatus(
        int status, string what, HttpRequestMessage request, string? detail, long projectId, int attempts, TimeSpan? retryAfter,
        LabelStudioApiClientOptions apiOptions, LabelStudioClientOptions options, bool personalAccessToken)
    {
        var hint = status switch
        {
            401 when string.IsNullOrWhiteSpace(options.ApiKey) => "LABEL_STUDIO_API_KEY is not set; set it to a legacy token or a Personal Access Token",
            401 when personalAccessToken => "the Personal Access Token in LABEL_STUDIO_API_KEY was refreshed and still rejected; create a new one in Label Studio (Account & Settings)",
            401 => "check LABEL_STUDIO_API_KEY (legacy tokens may be disabled for the organization; a Personal Access Token works then)",
            403 => $"the user of LABEL_STUDIO_API_KEY has no access to project {projectId}; add the user to the project's organization or use another user's token",
            404 => $"project {projectId} does not exist at LABEL_STUDIO_URL={request.RequestUri!.GetLeftPart(UriPartial.Authority)}; the id is the number in the project's address, /projects/<id>/",
            429 when retryAfter > apiOptions.MaxRetryDelay =>
                $"Label Studio is rate limiting and asked to wait {retryAfter.Value.TotalSeconds:0} s, longer than the {apiOptions.MaxRetryDelay.TotalSeconds:0} s allowed; try again later",
            429 => $"Label Studio is still rate limiting after {attempts} attempt{(attempts == 1 ? "" : "s")}; try again later or lower the request rate",
            >= 500 => $"Label Studio failed {Attempts(attempts)}; check its logs and health, then try again",
            _ => "Label Studio refused the request; check LABEL_STUDIO_URL and the Label Studio version",
        };
        var said = string.IsNullOrWhiteSpace(detail) ? "" : $" Label Studio said: \"{detail}\"";
        return new LabelStudioRequestFailedException(
            $"{status} from Label Studio {what} ({request.Method} {request.RequestUri!.AbsolutePath}): {hint}.{said}", status, detail);
    }

    public static LabelStudioRequestFailedException FromTransport(string what, string baseUrl, HttpRequestException error)
    {
        if (error.InnerException is AddressBlockedException blocked)
        {
            return new($"Cannot reach Label Studio {what}: {blocked.Message}.", 0, null, error);
        }

        var hint = error.HttpRequestError switch
        {
            HttpRequestError.SecureConnectionError when error.InnerException is AuthenticationException =>
                "the TLS certificate was not accepted; install the CA certificate or set VERIFY_SSL=false",
            HttpRequestError.NameResolutionError => "the host name does not resolve; inside Docker use the service name, not localhost",
            HttpRequestError.ConnectionError => "nothing accepted the connection; check the host and port (inside Docker, localhost is the container itself)",
            _ => error.Message,
        };
        return new($"Cannot reach Label Studio {what}: {hint} (LABEL_STUDIO_URL={baseUrl}).", 0, null, error);
    }

    private static string Attempts(int attempts) => attempts == 1 ? "on the only attempt" : $"{attempts} times in a row";
}
