using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Prelabel.LabelStudio.Client;

/// <summary>
/// Turns LABEL_STUDIO_API_KEY into an Authorization header: a legacy token as <c>Token &lt;key&gt;</c>; a Personal
/// Access Token (a JWT refresh token) exchanged at <c>/api/token/refresh/</c> for an access token sent as
/// <c>Bearer</c>, refreshed shortly before it expires and once after a 401. Thread-safe; one refresh at a time.
/// Failures are <see cref="HttpRequestException"/> with the status and a message naming the fix; no token is ever logged.
/// </summary>
internal sealed class LabelStudioTokenProvider
{
    private static readonly TimeSpan MaxRefreshMargin = TimeSpan.FromSeconds(30);

    private readonly HttpClient _httpClient;
    private readonly string? _apiKey;
    private readonly Uri? _refreshUrl;
    private readonly DateTimeOffset? _patExpiresAt;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private volatile AccessToken? _current;

    /// <param name="endpoint">LABEL_STUDIO_URL; a Personal Access Token is exchanged there.</param>
    /// <param name="apiKey">LABEL_STUDIO_API_KEY, trimmed; null when not set.</param>
    /// <param name="httpClient">Used for the refresh call; not owned.</param>
    public LabelStudioTokenProvider(Uri? endpoint, string? apiKey, HttpClient httpClient, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        _httpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _apiKey = apiKey;
        HasApiKey = apiKey is not null;
        IsPersonalAccessToken = _apiKey is not null && JwtShape.TryRead(_apiKey, out _patExpiresAt);
        if (endpoint is not null)
        {
            _refreshUrl = new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/api/token/refresh/");
        }
    }

    /// <summary>Whether LABEL_STUDIO_API_KEY is set.</summary>
    public bool HasApiKey { get; }

    /// <summary>True when LABEL_STUDIO_API_KEY has the shape of a JWT, i.e. a Personal Access Token.</summary>
    public bool IsPersonalAccessToken { get; }

    /// <summary>The header to send to Label Studio, or null when no API key is configured.</summary>
    public async ValueTask<AuthenticationHeaderValue?> GetAuthorizationAsync(CancellationToken cancellationToken = default)
    {
        if (_apiKey is null)
        {
            return null;
        }

        if (!IsPersonalAccessToken)
        {
            return new AuthenticationHeaderValue("Token", _apiKey);
        }

        var current = _current;
        if (current is not null && _time.GetUtcNow() < current.RefreshAt)
        {
            return Bearer(current);
        }

        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = _current;
            if (current is null || _time.GetUtcNow() >= current.RefreshAt)
            {
                current = await RefreshAsync(cancellationToken).ConfigureAwait(false);
            }

            return Bearer(current);
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    /// <summary>
    /// Called after Label Studio answered 401 to <paramref name="rejected"/>. Returns a fresh Bearer header
    /// (refreshing unless another caller already did), or null when retrying cannot help (legacy token, no key).
    /// </summary>
    public async ValueTask<AuthenticationHeaderValue?> RefreshAfterUnauthorizedAsync(AuthenticationHeaderValue rejected, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        if (!IsPersonalAccessToken || rejected.Scheme != "Bearer")
        {
            return null;
        }

        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = _current;
            if (current is null || current.Value == rejected.Parameter)
            {
                current = await RefreshAsync(cancellationToken).ConfigureAwait(false);
            }

            return Bearer(current);
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    private async Task<AccessToken> RefreshAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_refreshUrl is null)
        {
            throw new HttpRequestException("LABEL_STUDIO_API_KEY holds a Personal Access Token but LABEL_STUDIO_URL is not set; set LABEL_STUDIO_URL so the token can be exchanged.");
        }

        if (_patExpiresAt is null)
        {
            throw new HttpRequestException("LABEL_STUDIO_API_KEY looks like a Personal Access Token but has no 'exp' claim; create a new token in Label Studio (Account & Settings).");
        }

        if (_patExpiresAt <= now)
        {
            throw new HttpRequestException($"The Personal Access Token in LABEL_STUDIO_API_KEY expired at {_patExpiresAt:u}; create a new one in Label Studio (Account & Settings).");
        }

        using var response = await _httpClient.PostAsJsonAsync(_refreshUrl, new RefreshRequest(_apiKey!), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw RefreshFailed(response.StatusCode);
        }

        var body = await response.Content.ReadFromJsonAsync<RefreshResponse>(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(body?.Access) || JwtShape.TryRead(body.Access, out var expiresAt) is false)
        {
            throw new HttpRequestException($"{_refreshUrl} answered without an 'access' JWT; is LABEL_STUDIO_URL a Label Studio server?", null, response.StatusCode);
        }

        now = _time.GetUtcNow();
        var refreshAt = expiresAt is { } exp ? exp - Margin(exp - now) : DateTimeOffset.MaxValue;
        _logger.LogDebug("Refreshed the Label Studio access token; next refresh at {RefreshAt}", refreshAt);
        var token = new AccessToken(body.Access, refreshAt);
        _current = token;
        return token;
    }

    // Short-lived tokens get a proportionally smaller margin so they are still used at all.
    private static TimeSpan Margin(TimeSpan lifetime) =>
        lifetime <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Min(MaxRefreshMargin.Ticks, lifetime.Ticks / 10));

    private HttpRequestException RefreshFailed(HttpStatusCode status) => (int)status switch
    {
        401 or 403 => new HttpRequestException(
            $"{(int)status} from Label Studio at {_refreshUrl}: the Personal Access Token in LABEL_STUDIO_API_KEY is invalid, expired or revoked; create a new one in Label Studio (Account & Settings).",
            null, status),
        404 or 405 => new HttpRequestException(
            $"{(int)status} from Label Studio at {_refreshUrl}: this Label Studio does not support Personal Access Tokens; use a legacy token in LABEL_STUDIO_API_KEY or upgrade Label Studio.",
            null, status),
        _ => new HttpRequestException($"{(int)status} from Label Studio at {_refreshUrl} while refreshing the access token; check that Label Studio is healthy.", null, status),
    };

    private static AuthenticationHeaderValue Bearer(AccessToken token) => new("Bearer", token.Value);

    private sealed record AccessToken(string Value, DateTimeOffset RefreshAt);

    private sealed record RefreshRequest([property: System.Text.Json.Serialization.JsonPropertyName("refresh")] string Refresh);

    private sealed record RefreshResponse([property: System.Text.Json.Serialization.JsonPropertyName("access")] string? Access);
}
