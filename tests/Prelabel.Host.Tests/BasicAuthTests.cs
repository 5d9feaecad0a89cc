using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Prelabel.Host.Apis;

namespace Prelabel.Host.Tests;

public class BasicAuthTests
{
    private static readonly Dictionary<string, string> Credentials = new() { ["BASIC_AUTH_USER"] = "ls", ["BASIC_AUTH_PASS"] = "s3cret:with:colons" };

    private static HttpRequestMessage Request(MlBackendRoutes.Route route, string? user, string? password)
    {
        var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path);
        if (route.Method == "POST") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        if (user is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return request;
    }

    [Fact]
    public async Task Every_route_refuses_a_request_without_the_right_credentials()
    {
        await using var backend = await PrelabelProcess.StartAsync(Credentials);

        foreach (var route in MlBackendRoutes.All)
        foreach (var (user, password) in new (string?, string?)[] { (null, null), ("ls", "wrong"), ("other", "s3cret:with:colons"), ("ls", "s3cret:with:colon") })
        {
            using var response = await backend.Http.SendAsync(Request(route, user, password));
            var body = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Basic realm=\"Login required\"", response.Headers.WwwAuthenticate.ToString());
            Assert.Contains("\"status\":401", body);
        }
    }

    [Theory]
    [InlineData("ls", null, "BASIC_AUTH_USER and BASIC_AUTH_PASS go together")]
    [InlineData(null, "s3cret", "BASIC_AUTH_USER and BASIC_AUTH_PASS go together")]
    // App Service passes a Key Vault reference it could not resolve as its own text: never a password, never "no auth".
    [InlineData("ls", "@Microsoft.KeyVault(SecretUri=https://kv-x.vault.azure.net/secrets/basic-auth-pass)", "BASIC_AUTH_PASS is a Key Vault reference the Functions host could not resolve")]
    [InlineData(null, "@Microsoft.KeyVault(SecretUri=https://kv-x.vault.azure.net/secrets/basic-auth-pass)", "BASIC_AUTH_PASS is a Key Vault reference the Functions host could not resolve")]
    public async Task Half_a_credential_pair_stops_the_start_rather_than_leaving_the_backend_open(string? user, string? password, string reason)
    {
        var settings = new Dictionary<string, string>();
        if (user is not null) settings["BASIC_AUTH_USER"] = user;
        if (password is not null) settings["BASIC_AUTH_PASS"] = password;

        var local = await Assert.ThrowsAsync<InvalidOperationException>(() => PrelabelProcess.StartAsync(settings));
        var worker = await Assert.ThrowsAsync<InvalidOperationException>(() => Functions.TestHost.FunctionsTestHost.StartAsync(IsolatedWorker.AppDirectory(), settings));

        Assert.Contains("exited with 2", local.Message);
        Assert.Contains("exited (2)", worker.Message);
        foreach (var error in new[] { local, worker })
        {
            Assert.Contains($"Prelabel cannot start: {reason}", error.Message);
            Assert.DoesNotContain("   at ", error.Message);
        }
    }

    [Fact]
    public async Task Every_route_answers_with_the_right_credentials()
    {
        await using var backend = await PrelabelProcess.StartAsync(Credentials);

        foreach (var route in MlBackendRoutes.All.Where(r => r.Path != "/predict"))
        {
            using var response = await backend.Http.SendAsync(Request(route, "ls", "s3cret:with:colons"));
            // Backfill gets past the credentials to say what its empty body lacks.
            var admitted = route.Path == "/backfill" ? response.StatusCode == HttpStatusCode.BadRequest : response.IsSuccessStatusCode;
            Assert.True(admitted, $"{route.Path}: {response.StatusCode}");
        }
    }
}
