using System.Xml;
using System.Xml.Linq;
using Azure;
using Azure.Core;

namespace Prelabel.Storage;

/// <summary>
/// A Blob or Queue request the service answered with an error: the HTTP status and the service's error code
/// (x-ms-error-code, e.g. BlobNotFound, ConditionNotMet; see <see cref="StorageErrorCode"/>); or, with status 0, a
/// request no try got an answer to (network error, timeout). The message names the request without its query, so a
/// SAS never shows.
/// </summary>
public sealed class StorageRequestFailedException : RequestFailedException
{
    // Error bodies are a few hundred bytes of XML; more than this is not an error document.
    private const int MaxErrorBody = 64 * 1024;

    public StorageRequestFailedException(int status, string? errorCode, string message, Exception? innerException = null)
        : base(status, message, errorCode, innerException)
    {
    }

    public bool IsNotFound => Status == 404;

    public bool IsConflict => Status == 409;

    public bool IsPreconditionFailed => Status == 412;

    internal static async Task<StorageRequestFailedException> FromResponseAsync(Request request, Response response, CancellationToken cancellationToken)
    {
        var (code, detail) = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
        if (response.Headers.TryGetValue("x-ms-error-code", out var headerCode) && !string.IsNullOrEmpty(headerCode))
        {
            code = headerCode;
        }

        var message = $"{request.Method} {Target(request)} failed: {response.Status} {code ?? response.ReasonPhrase}"
            + (string.IsNullOrEmpty(detail) ? string.Empty : $" ({detail})")
            + (response.Headers.RequestId is { } id ? $", request id {id}" : string.Empty);
        return new StorageRequestFailedException(response.Status, code, message);
    }

    internal static StorageRequestFailedException Unanswered(Request request, Exception exception)
    {
        var last = exception is AggregateException { InnerExceptions.Count: > 0 } tries ? tries.InnerExceptions[^1] : exception;
        return new StorageRequestFailedException(0, null, $"{request.Method} {Target(request)} got no answer: {last.Message}", exception);
    }

    // Without the query: it may hold a SAS.
    private static string Target(Request request) => request.Uri.ToUri().GetLeftPart(UriPartial.Path);

    // <Error><Code>…</Code><Message>first line\nRequestId:…\nTime:…</Message></Error>
    private static async Task<(string? Code, string? Detail)> ReadErrorAsync(Response response, CancellationToken cancellationToken)
    {
        if (response.ContentStream is not { } stream)
        {
            return (null, null);
        }

        try
        {
            var buffer = new char[MaxErrorBody];
            using var reader = new StreamReader(stream, leaveOpen: true);
            var read = await reader.ReadBlockAsync(buffer, cancellationToken).ConfigureAwait(false);
            var error = XElement.Parse(new string(buffer, 0, read));
            var detail = error.Element("Message")?.Value.Split('\n', 2)[0].Trim();
            return (error.Element("Code")?.Value, detail);
        }
        catch (Exception e) when (e is XmlException or IOException or InvalidOperationException)
        {
            return (null, null);
        }
    }
}
