using System.Net.Sockets;
using System.Security.Authentication;

namespace Prelabel.LabelStudio.Client;

/// <summary>Turns HTTP and transport failures into messages a user can act on, without secrets.</summary>
internal static class MediaErrors
{
    public static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    /// <summary>The URL without its query when it is not Label Studio's, since presigned URLs carry signatures there.</summary>
    public static string Redact(Uri url, Uri? labelStudioUrl) =>
        labelStudioUrl is not null && SameOrigin(url, labelStudioUrl) ? url.ToString() : url.GetLeftPart(UriPartial.Path);

    /// <summary>The task URI as shown in messages: absolute URLs of other origins lose their query.</summary>
    public static string Display(string uri, Uri? labelStudioUrl) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? Redact(url, labelStudioUrl) : uri;

    public static LabelStudioRequestFailedException FromStatus(
        string uri, string description, Uri url, HttpResponseMessage response, bool fromLabelStudio, LabelStudioTokenProvider tokens)
    {
        var status = (int)response.StatusCode;
        var where = fromLabelStudio ? "Label Studio" : url.GetLeftPart(UriPartial.Authority);
        var hint = (status, fromLabelStudio) switch
        {
            (401, true) when !tokens.HasApiKey => "LABEL_STUDIO_API_KEY is not set; set it to a legacy token or a Personal Access Token",
            (401, true) => tokens.IsPersonalAccessToken
                ? "check LABEL_STUDIO_API_KEY (the Personal Access Token was refreshed and still rejected)"
                : "check LABEL_STUDIO_API_KEY (legacy tokens may be disabled for the organization; a Personal Access Token works then)",
            (403, true) => "the user of LABEL_STUDIO_API_KEY has no access to this project, or local file serving is disabled in Label Studio",
            (404, true) when url.AbsolutePath.Contains("/resolve/", StringComparison.Ordinal) =>
                "the task does not exist, or no cloud storage connected to its project matches this container or bucket; add the storage in the project settings",
            (404, true) => "the file does not exist in Label Studio; check the task data and LABEL_STUDIO_URL",
            (400, true) => "Label Studio did not understand the request; check the URI in the task data",
            (401 or 403, false) => "the URL needs credentials or its signature expired; presigned URLs must be used before they expire",
            (404, false) => "the file does not exist at that URL",
            (429, _) => RetryHint(response, "the server is rate limiting"),
            (>= 500, _) => RetryHint(response, $"{where} failed"),
            _ => "check the URL in the task data",
        };
        return LabelStudioRequestFailedException.Media(
            $"{status} from {where} downloading {uri} via {description} ({Redact(url, fromLabelStudio ? url : null)}): {hint}.", uri, status);
    }

    public static LabelStudioRequestFailedException FromTransport(string uri, Uri url, HttpRequestException error, Uri? labelStudioUrl)
    {
        var target = Redact(url, labelStudioUrl);
        if (error.InnerException is AddressBlockedException blocked)
        {
            return LabelStudioRequestFailedException.Media($"Cannot download {uri} from {target}: {blocked.Message}.", uri, 0, error);
        }

        var hint = error.HttpRequestError switch
        {
            HttpRequestError.SecureConnectionError when HasInner<AuthenticationException>(error) =>
                "the TLS certificate was not accepted; install the CA certificate or set VERIFY_SSL=false",
            HttpRequestError.NameResolutionError => "the host name does not resolve; inside Docker use the service name, not localhost",
            HttpRequestError.ConnectionError => "nothing accepted the connection; check the host and port (inside Docker, localhost is the container itself)",
            HttpRequestError.ResponseEnded => "the server closed the connection before its answer was complete",
            // "An error occurred while sending the request" says nothing; what went wrong is inside.
            _ => error.InnerException is { Message: var inner } ? $"{error.Message} {inner}" : error.Message,
        };
        var host = labelStudioUrl is not null && SameOrigin(url, labelStudioUrl) ? $"LABEL_STUDIO_URL={labelStudioUrl}" : url.GetLeftPart(UriPartial.Authority);
        return LabelStudioRequestFailedException.Media($"Cannot download {uri} from {target}: {hint} ({host}).", uri, 0, error, isTransient: !LabelStudioResilience.IsPermanent(error));
    }

    private static string RetryHint(HttpResponseMessage response, string what) =>
        response.Headers.RetryAfter?.Delta is { } delta ? $"{what}; retry after {delta.TotalSeconds:0} s" : $"{what}; try again later";

    private static bool HasInner<T>(Exception error)
    {
        for (var e = error.InnerException; e is not null; e = e.InnerException)
        {
            if (e is T)
            {
                return true;
            }
        }

        return false;
    }
}
