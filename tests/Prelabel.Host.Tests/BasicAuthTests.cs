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
