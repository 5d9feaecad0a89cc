using Prelabel.LabelStudio.TestServer;

namespace Prelabel.LabelStudio.Client.Tests;

public sealed class LabelStudioTokenProviderTests : IAsyncLifetime
{
    private const string RefreshPath = "/api/token/refresh/";
    private readonly LabelStudioTestServer _server = new();
    private readonly HttpClient _http = new();
    private readonly ManualTimeProvider _clientTime = new();

    public Task InitializeAsync() => _server.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Legacy_token_is_sent_with_the_token_scheme()
    {
        var header = await Provider(_server.LegacyToken).GetAuthorizationAsync();

        Assert.Equal("Token", header!.Scheme);
        Assert.Equal(_server.LegacyToken, header.Parameter);
        Assert.Equal(0, _server.Requests.Count(RefreshPath));
    }

    [Fact]
    public async Task No_api_key_gives_no_header()
    {
        Assert.Null(await Provider(null).GetAuthorizationAsync());
    }

    [Fact]
    public async Task Personal_access_token_is_exchanged_once_for_a_bearer_access_token()
    {
        var provider = Provider(_server.PersonalAccessToken);

        var first = await provider.GetAuthorizationAsync();
        var second = await provider.GetAuthorizationAsync();

        Assert.True(provider.IsPersonalAccessToken);
        Assert.Equal("Bearer", first!.Scheme);
        Assert.NotEqual(_server.PersonalAccessToken, first.Parameter);
        Assert.Equal(first.Parameter, second!.Parameter);
        Assert.Equal(1, _server.Requests.Count(RefreshPath));
    }

    [Fact]
    public async Task Access_token_is_refreshed_shortly_before_it_expires()
    {
        _server.AccessTokenLifetime = TimeSpan.FromMinutes(5);
        var provider = Provider(_server.PersonalAccessToken);
        await provider.GetAuthorizationAsync();

        _clientTime.Advance(TimeSpan.FromMinutes(4));
        await provider.GetAuthorizationAsync();
        Assert.Equal(1, _server.Requests.Count(RefreshPath));

        _clientTime.Advance(TimeSpan.FromSeconds(45));
        await provider.GetAuthorizationAsync();
        Assert.Equal(2, _server.Requests.Count(RefreshPath));
    }

    [Fact]
    public async Task Refresh_after_unauthorized_happens_once_for_concurrent_callers()
    {
        var provider = Provider(_server.PersonalAccessToken);
        var rejected = await provider.GetAuthorizationAsync();

        var fresh = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => provider.RefreshAfterUnauthorizedAsync(rejected!).AsTask()));

        Assert.Single(fresh.Select(h => h!.Parameter).Distinct());
        Assert.NotEqual(rejected!.Parameter, fresh[0]!.Parameter);
        Assert.Equal(2, _server.Requests.Count(RefreshPath));
    }

    [Fact]
    public async Task Concurrent_first_calls_share_one_refresh()
    {
        _server.Faults.Delay(RefreshPath, TimeSpan.FromMilliseconds(200));
        var provider = Provider(_server.PersonalAccessToken);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => provider.GetAuthorizationAsync().AsTask()));

        Assert.Equal(1, _server.Requests.Count(RefreshPath));
    }

    [Fact]
    public async Task Legacy_token_is_not_retried_after_unauthorized()
    {
        var provider = Provider(_server.LegacyToken);
        var header = await provider.GetAuthorizationAsync();

        Assert.Null(await provider.RefreshAfterUnauthorizedAsync(header!));
    }

    [Fact]
    public async Task Expired_personal_access_token_fails_without_calling_label_studio()
    {
        var expired = _server.CreatePersonalAccessToken(TimeSpan.FromMinutes(-1));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Provider(expired).GetAuthorizationAsync().AsTask());

        Assert.Contains("expired", error.Message);
        Assert.DoesNotContain(expired, error.Message);
        Assert.Equal(0, _server.Requests.Count(RefreshPath));
    }

    [Fact]
    public async Task Personal_access_token_rejected_by_label_studio_names_the_setting()
    {
        await using var other = new LabelStudioTestServer();
        var foreign = other.PersonalAccessToken;

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Provider(foreign).GetAuthorizationAsync().AsTask());

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("LABEL_STUDIO_API_KEY", error.Message);
        Assert.DoesNotContain(foreign, error.Message);
    }

    private LabelStudioTokenProvider Provider(string? apiKey) =>
        new(new Uri(_server.BaseUrl), apiKey, _http, timeProvider: _clientTime);
}
