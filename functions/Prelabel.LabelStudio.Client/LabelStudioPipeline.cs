using System.Net.Security;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;

namespace Prelabel.LabelStudio.Client;

/// <summary>
/// The one HttpClient behind both sub-clients: resilience (<see cref="LabelStudioResilience"/>), then authorization
/// (<see cref="LabelStudioAuthorizationHandler"/>, one token provider), then the transport with the connect-time SSRF
/// guard. The token refresh call goes straight to the transport, so it is guarded too and never authorizes itself.
/// </summary>
internal sealed class LabelStudioPipeline : IDisposable
{
    private readonly HttpMessageHandler _transport;
    private readonly bool _ownsTransport;
    private readonly HttpClient _tokenClient;
    private readonly HttpClient _client;

    public LabelStudioPipeline(Uri? endpoint, LabelStudioApiKey? credential, LabelStudioClientOptions options, ILogger logger)
    {
        Endpoint = endpoint;
        Time = options.TimeProvider ?? TimeProvider.System;
        Guard = new GuardedConnector(new HostAllowList(endpoint, options.AllowedHosts));
        _ownsTransport = options.Transport is null;
        _transport = options.Transport ?? CreateTransport(options, Guard);
        _tokenClient = new HttpClient(_transport, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        Tokens = new LabelStudioTokenProvider(endpoint, credential?.Key, _tokenClient, logger, Time);
        Resilience = new LabelStudioResilience(options, endpoint, logger, Time);
        var attempt = new LabelStudioAuthorizationHandler(Tokens) { InnerHandler = _transport };
        // Not disposing the chain: a DelegatingHandler disposes its inner handler, and a given transport is not ours.
        _client = new HttpClient(new ResilienceHandler(Resilience.For) { InnerHandler = attempt }, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>LABEL_STUDIO_URL, when set.</summary>
    public Uri? Endpoint { get; }

    public TimeProvider Time { get; }

    public GuardedConnector Guard { get; }

    public LabelStudioTokenProvider Tokens { get; }

    public LabelStudioResilience Resilience { get; }

    /// <summary>Sends through retries, the circuit breaker and the attempt limit; the caller disposes the answer.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, LabelStudioRequestPolicy policy, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        policy.AttachTo(request);
        return _client.SendAsync(request, completion, cancellationToken);
    }

    public void Dispose()
    {
        _client.Dispose();
        _tokenClient.Dispose();
        if (_ownsTransport)
        {
            _transport.Dispose();
        }
    }

    private static SocketsHttpHandler CreateTransport(LabelStudioClientOptions options, GuardedConnector guard)
    {
        var handler = new SocketsHttpHandler
        {
            // Redirects are followed by hand so every hop is checked and credentials are dropped across origins.
            AllowAutoRedirect = false,
            // A proxy would make the connect-time guard see the proxy's address instead of the target's.
            UseProxy = false,
            ConnectCallback = guard.ConnectAsync,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        if (!options.VerifySsl)
        {
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = static (_, _, _, _) => true };
        }

        return handler;
    }
}
