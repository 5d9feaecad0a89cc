using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Prelabel.Host.Apis;

namespace Prelabel.Host.Tests;

/// <summary>The executable as an Azure Functions custom handler: host.json, one function.json per route, requests as the host forwards them.</summary>
public class FunctionsHostTests
{
    /// <summary>The HTTP functions; imageEvents is the one queue-triggered function.</summary>
    private static readonly string[] Functions = Directory.GetDirectories(RepositoryRoot.Combine("functions"))
        .Where(d => File.Exists(Path.Combine(d, "function.json"))).Select(Path.GetFileName).OfType<string>()
        .Where(f => f != ImageEventsApi.Function).Order().ToArray();

    private static JsonObject FunctionJson(string function) =>
        JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("functions", function, "function.json")))!.AsObject();

    private static (string Method, string Route) Trigger(string function)
    {
        var trigger = FunctionJson(function)["bindings"]!.AsArray().Single(b => (string?)b!["type"] == "httpTrigger")!;
        return (((string)trigger["methods"]![0]!).ToUpperInvariant(), (string)trigger["route"]!);
    }

    [Fact]
    public void Host_json_declares_the_forwarding_custom_handler_with_no_route_prefix()
    {
        var host = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("host.json")))!;

        Assert.Equal("2.0", (string?)host["version"]);
        Assert.Equal("Prelabel", (string?)host["customHandler"]!["description"]!["defaultExecutablePath"]);
        Assert.True((bool)host["customHandler"]!["enableForwardingHttpRequest"]!);
        Assert.Equal("", (string?)host["extensions"]!["http"]!["routePrefix"]);
        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", (string?)host["extensionBundle"]!["id"]);
        Assert.Equal("[4.*, 5.0.0)", (string?)host["extensionBundle"]!["version"]);
    }

    [Fact]
    public void Every_function_is_an_anonymous_http_in_and_out_pair_so_the_host_forwards_it()
    {
        Assert.NotEmpty(Functions);
        foreach (var function in Functions)
        {
            var bindings = FunctionJson(function)["bindings"]!.AsArray();
            Assert.Equal(2, bindings.Count);
            var trigger = bindings.Single(b => (string?)b!["type"] == "httpTrigger")!;
            // Label Studio can send Basic auth but no function key; only the operators' backfill asks for one.
            Assert.Equal(("in", function == "backfill" ? "function" : "anonymous"), ((string?)trigger["direction"], (string?)trigger["authLevel"]));
            Assert.Equal(function, (string?)trigger["route"]);
            Assert.Single(trigger["methods"]!.AsArray());
            Assert.Equal("out", (string?)bindings.Single(b => (string?)b!["type"] == "http")!["direction"]);
        }
    }

    [Fact]
    public void Every_served_route_has_a_function_and_every_function_a_route()
    {
        var served = MlBackendRoutes.All.Where(r => r.Function is not null).Select(r => (r.Method, r.Path.TrimStart('/'))).Order();
        var declared = Functions.Select(Trigger).Order();

        Assert.Equal(declared, served);
        Assert.Equal(Functions, MlBackendRoutes.All.Where(r => r.Function is not null).Select(r => r.Function!).Order());
    }

    [Fact]
    public async Task Every_function_route_is_served_when_forwarded_by_the_functions_host()
    {
        await using var handler = await PrelabelProcess.StartAsync(asFunctionsHost: true);

        foreach (var function in Functions)
        {
            var (method, route) = Trigger(function);
            using var request = new HttpRequestMessage(new HttpMethod(method), "/" + route);
            request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
            request.Headers.Add("X-Azure-Functions-HostVersion", "4.1041.200.0");
            request.Headers.TryAddWithoutValidation("User-Agent", "Azure-Functions-Host/4.1041.200.0");
            request.Headers.Add("X-Forwarded-For", "203.0.113.7");
            if (method == "POST")
                request.Content = new StringContent(SampleBodies[function], Encoding.UTF8, "application/json");

            using var response = await handler.Http.SendAsync(request);

            var body = await response.Content.ReadAsStringAsync();
            // Without IMPORT_ROUTES there is nothing to backfill, and the answer says so.
            var answered = function == "backfill" ? response.StatusCode == HttpStatusCode.Conflict : response.IsSuccessStatusCode;
            Assert.True(answered, $"{method} /{route}: {(int)response.StatusCode} {body}\n{handler.Output}");
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(JsonNode.Parse(body));
        }
    }

    [Fact]
    public void The_image_events_function_is_a_queue_trigger_on_the_identity_based_images_connection()
    {
        var binding = Assert.Single(FunctionJson(ImageEventsApi.Function)["bindings"]!.AsArray())!;
        var host = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("host.json")))!;

        Assert.Equal(("queueTrigger", "in", ImageEventsApi.Binding), ((string?)binding["type"], (string?)binding["direction"], (string?)binding["name"]));
        Assert.Equal(new Prelabel.Importer.ImportOptions().Queue, (string?)binding["queueName"]);
        Assert.Equal(Prelabel.Host.Hosting.PrelabelServices.StorageConnectionName, (string?)binding["connection"]);
        // The handler poisons a message itself, with its reason, on the delivery the host would otherwise poison it.
        Assert.Equal(new Prelabel.Importer.ImportOptions().MaxDequeueCount, (int)host["extensions"]!["queues"]!["maxDequeueCount"]!);
        Assert.Equal("base64", (string?)host["extensions"]!["queues"]!["messageEncoding"]);
    }

    [Fact]
    public async Task The_functions_host_port_wins_over_the_port_option()
    {
        await using var handler = await PrelabelProcess.StartAsync(arguments: ["--port", "1"], asFunctionsHost: true);

        using var response = await handler.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task By_hand_it_listens_on_the_port_option()
    {
        var port = LoopbackPort.Free();
        await using var handler = await PrelabelProcess.StartAsync(arguments: ["--host", "127.0.0.1", "--port", port.ToString()]);

        Assert.Equal(port, handler.BaseUrl.Port);
        using var response = await handler.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static readonly Dictionary<string, string> SampleBodies = new()
    {
        ["setup"] = """{"project":"3.1746612998","schema":"<View></View>","hostname":"http://localhost:8080","access_token":"0123456789012345678901234567890123456789","extra_params":null}""",
        ["predict"] = """{"tasks":[{"id":1,"data":{}}],"project":"3.1746612998","label_config":"<View></View>","params":{"login":null,"password":null,"context":null}}""",
        ["webhook"] = """{"action":"PROJECT_UPDATED","project":{"id":3}}""",
        ["backfill"] = """{"container":"images","prefix":"cam1/"}""",
    };
}
