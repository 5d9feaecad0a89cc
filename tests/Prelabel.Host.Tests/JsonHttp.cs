using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Prelabel.Host.Tests;

public static class JsonHttp
{
    public static async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> PostAsync(this HttpClient http, string path, string json)
    {
        var response = await http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    public static async Task<(HttpStatusCode Status, JsonNode? Body)> GetJsonAsync(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>An error body: exactly {"status", "detail"}, the status matching, and no stack trace.</summary>
    public static string AssertError(HttpStatusCode expected, HttpStatusCode status, JsonNode? body)
    {
        Assert.Equal(expected, status);
        Assert.NotNull(body);
        Assert.Equal(["status", "detail"], body.AsObject().Select(p => p.Key));
        Assert.Equal((int)expected, (int)body["status"]!);
        var detail = (string)body["detail"]!;
        Assert.DoesNotContain("   at ", detail);
        return detail;
    }
}
