namespace Prelabel.LabelStudio.Client.Tests;

public sealed partial class LabelStudioApiClientTests
{
    private const string RefreshPath = "/api/token/refresh/";

    [Fact]
    public async Task Legacy_token_is_sent_with_the_token_scheme()
    {
        AddTasks(1);
        var client = Client();

        await client.GetProjectAsync(ProjectId);
        await All(client.ListTasksAsync(ProjectId));

        Assert.All(_server.Requests.All, r => Assert.Equal("Token", r.AuthorizationScheme));
        Assert.Equal(0, _server.Requests.Count(RefreshPath));
    }

    [Fact]
    public async Task Personal_access_token_is_exchanged_once_and_sent_as_bearer()
    {
        AddTasks(3);
        var client = Client(o => o.ApiKey = _server.PersonalAccessToken, pageSize: 1);

        await client.GetProjectAsync(ProjectId);
        Assert.Equal(3, (await All(client.ListTasksAsync(ProjectId))).Count);

        Assert.Equal(1, _server.Requests.Count(RefreshPath));
        Assert.All(_server.Requests.All.Where(r => r.Path != RefreshPath), r => Assert.Equal("Bearer", r.AuthorizationScheme));
    }

    [Fact]
    public async Task Rejected_access_token_is_refreshed_once_and_the_request_repeated()
    {
        var client = Client(o => o.ApiKey = _server.PersonalAccessToken);
        await client.GetProjectAsync(ProjectId);
        _server.RevokeAccessTokens();

        var project = await client.GetProjectAsync(ProjectId);

        Assert.Equal(ProjectId, project.Id);
        Assert.Equal(2, _server.Requests.Count(RefreshPath));
        Assert.Equal(3, _server.Requests.Count(ProjectPath));
    }

    [Fact]
    public async Task Expired_personal_access_token_fails_naming_the_fix_without_calling_label_studio()
    {
        var token = _server.CreatePersonalAccessToken(TimeSpan.FromMinutes(-1));

        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(() => Client(o => o.ApiKey = token).GetProjectAsync(ProjectId));

        Assert.Contains("expired", error.Message);
        Assert.Contains("create a new one", error.Message);
        Assert.DoesNotContain(token, error.ToString());
        Assert.Equal(0, _server.Requests.Count(ProjectPath));
    }

    [Fact]
    public async Task Wrong_legacy_token_gives_401_pointing_at_the_api_key_without_leaking_it()
    {
        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(
            () => Client(o => o.ApiKey = "0123456789abcdef0123456789abcdef01234567").GetProjectAsync(ProjectId));

        Assert.Equal(401, error.Status);
        Assert.Contains("401 from Label Studio reading project 7", error.Message);
        Assert.Contains("check LABEL_STUDIO_API_KEY", error.Message);
        Assert.Contains("Invalid token.", error.Message);
        Assert.DoesNotContain("0123456789abcdef0123456789abcdef01234567", error.ToString());
    }

    [Fact]
    public async Task Missing_api_key_gives_401_saying_it_is_not_set()
    {
        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(() => All(Client(o => o.ApiKey = null).ListTasksAsync(ProjectId)));

        Assert.Equal(401, error.Status);
        Assert.Contains("LABEL_STUDIO_API_KEY is not set", error.Message);
    }

    [Fact]
    public async Task User_without_project_access_gives_403_naming_the_project()
    {
        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(
            () => Client(o => o.ApiKey = _server.NoPermissionToken).GetProjectAsync(ProjectId));

        Assert.Equal(403, error.Status);
        Assert.Contains("no access to project 7", error.Message);
        Assert.DoesNotContain(_server.NoPermissionToken, error.ToString());
    }

    [Fact]
    public async Task Unknown_project_gives_404_with_label_studios_detail()
    {
        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(() => Client().GetProjectAsync(99));

        Assert.Equal(404, error.Status);
        Assert.Equal("Not found.", error.Detail);
        Assert.Contains("project 99 does not exist", error.Message);
        Assert.Contains("/projects/<id>/", error.Message);
    }

    [Fact]
    public async Task Listing_tasks_of_an_unknown_project_gives_404()
    {
        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(() => All(Client().ListTasksAsync(99)));

        Assert.Equal(404, error.Status);
        Assert.Contains("listing tasks of project 99 (page 1)", error.Message);
        Assert.Contains("project 99 does not exist", error.Message);
    }

    [Fact]
    public void Api_without_label_studio_url_is_refused_and_a_bad_url_at_construction()
    {
        using var client = new LabelStudioClient(null, new LabelStudioApiKey("x"));

        var missing = Assert.Throws<InvalidOperationException>(() => client.Api);
        var bad = Assert.Throws<InvalidOperationException>(() => LabelStudioClient.EndpointFrom("label-studio:8080"));

        Assert.Contains("LABEL_STUDIO_URL is not set", missing.Message);
        Assert.Contains("LABEL_STUDIO_URL='label-studio:8080' is not an absolute http(s) URL", bad.Message);
    }
}
