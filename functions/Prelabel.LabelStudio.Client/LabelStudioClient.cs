using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Prelabel.LabelStudio.Client;

/// <summary>
/// Label Studio as one client, in the Azure SDK's shape: an endpoint, a credential and options, with sub-clients for
/// the REST API (<see cref="Api"/>) and for task media (<see cref="Media"/>) over one pipeline, so they share the
/// connections, the token, the SSRF guard, the retries and the circuit breaker. Thread-safe; meant to live as long as the app.
/// </summary>
public sealed class LabelStudioClient : IDisposable
{
    private readonly LabelStudioPipeline _pipeline;
    private readonly LabelStudioApiClient? _api;

    /// <param name="endpoint">LABEL_STUDIO_URL (a path prefix is kept); without it only plain media URLs and local files can be read.</param>
    /// <param name="credential">LABEL_STUDIO_API_KEY; without it requests go unauthenticated.</param>
    /// <param name="options">Validated here; later changes are not seen.</param>
    public LabelStudioClient(Uri? endpoint, LabelStudioApiKey? credential, LabelStudioClientOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        options ??= new LabelStudioClientOptions();
        options.Validate();
        if (endpoint is not null && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https")))
        {
            throw new InvalidOperationException($"LABEL_STUDIO_URL='{endpoint}' is not an absolute http(s) URL, e.g. http://label-studio:8080.");
        }

        loggerFactory ??= NullLoggerFactory.Instance;
        _pipeline = new LabelStudioPipeline(endpoint, credential, options, loggerFactory.CreateLogger<LabelStudioClient>());
        Media = new TaskMediaClient(_pipeline, options, loggerFactory.CreateLogger<TaskMediaClient>());
        _api = endpoint is null ? null : new LabelStudioApiClient(_pipeline, options, loggerFactory.CreateLogger<LabelStudioApiClient>());
    }

    /// <summary>LABEL_STUDIO_URL, when set.</summary>
    public Uri? Endpoint => _pipeline.Endpoint;

    /// <summary>The REST API: projects, tasks, imports and predictions.</summary>
    /// <exception cref="InvalidOperationException">No endpoint was given.</exception>
    public LabelStudioApiClient Api => _api
        ?? throw new InvalidOperationException("LABEL_STUDIO_URL is not set; set it to the Label Studio base URL, e.g. http://label-studio:8080.");

    /// <summary>Downloads of the media a task points to.</summary>
    public TaskMediaClient Media { get; }

    /// <summary>Waits before retries are reported here first (tests).</summary>
    internal Action<TimeSpan>? RetryScheduled
    {
        get => _pipeline.Resilience.RetryScheduled;
        set => _pipeline.Resilience.RetryScheduled = value;
    }

    /// <summary>LABEL_STUDIO_URL as the endpoint, or null when it is not set.</summary>
    /// <exception cref="InvalidOperationException">It is not an absolute http(s) URL.</exception>
    public static Uri? EndpointFrom(string? setting) =>
        string.IsNullOrWhiteSpace(setting) ? null
        : Uri.TryCreate(setting.Trim(), UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url
        : throw new InvalidOperationException($"LABEL_STUDIO_URL='{setting}' is not an absolute http(s) URL, e.g. http://label-studio:8080.");

    public void Dispose() => _pipeline.Dispose();
}
