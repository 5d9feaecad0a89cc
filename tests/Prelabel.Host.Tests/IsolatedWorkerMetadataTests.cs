using System.Text.Json.Nodes;
using Prelabel.Host.Apis;

namespace Prelabel.Host.Tests;

/// <summary>
/// The isolated worker (functions/Prelabel.Functions) as the Worker.Sdk describes it in functions.metadata: the same
/// functions, routes, methods and auth levels as the custom handler's function.json files, and the blob trigger the
/// Event Grid subscription will call.
/// </summary>
public class IsolatedWorkerMetadataTests
{
    private static readonly Lazy<JsonArray> Metadata = new(() =>
    {
        // Same configuration as this test assembly: tests/Prelabel.Host.Tests/bin/<configuration>/net10.0/.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var path = RepositoryRoot.Combine("functions", "Prelabel.Functions", "bin", configuration, "net10.0", "functions.metadata");
        return JsonNode.Parse(File.ReadAllText(path))!.AsArray();
    });

    private static JsonObject Function(string name) =>
        Metadata.Value.SingleOrDefault(f => (string?)f!["name"] == name)?.AsObject() ?? throw new Xunit.Sdk.XunitException($"functions.metadata has no function {name}");

    private static JsonObject Trigger(JsonObject function) =>
        function["bindings"]!.AsArray().Single(b => ((string?)b!["type"])!.EndsWith("Trigger", StringComparison.Ordinal))!.AsObject();

    private static JsonObject CustomHandlerTrigger(string name) =>
        JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("functions", name, "function.json")))!["bindings"]!.AsArray()
            .Single(b => ((string?)b!["type"])!.EndsWith("Trigger", StringComparison.Ordinal))!.AsObject();

    [Fact]
    public void Every_http_function_keeps_its_route_method_and_auth_level()
    {
        var routes = MlBackendRoutes.All.Where(r => r.Function is not null).ToList();
        Assert.NotEmpty(routes);
        foreach (var route in routes)
        {
            var trigger = Trigger(Function(route.Function!));
            var today = CustomHandlerTrigger(route.Function!);
            Assert.Equal("httpTrigger", (string?)trigger["type"]);
            Assert.Equal(route.Path.TrimStart('/'), (string?)trigger["route"]);
            Assert.Equal([route.Method], trigger["methods"]!.AsArray().Select(m => ((string)m!).ToUpperInvariant()));
            Assert.Equal(((string)today["authLevel"]!).ToLowerInvariant(), ((string)trigger["authLevel"]!).ToLowerInvariant());
            Assert.Contains(Function(route.Function!)["bindings"]!.AsArray(), b => (string?)b!["type"] == "http" && (string?)b["name"] == "$return");
        }
    }

    [Fact]
    public void Uploads_come_through_an_event_grid_blob_trigger_bound_to_a_blob_reference_and_the_queue_door_stays()
    {
        var blob = Trigger(Function("imageUploaded"));
        Assert.Equal(("images/{name}", "EventGrid", "IMAGES"), ((string?)blob["path"], (string?)blob["source"], (string?)blob["connection"]));
        // Deferred binding: the worker gets the blob's coordinates, never its bytes over gRPC.
        Assert.Equal("True", (string?)blob["properties"]!["supportsDeferredBinding"]);

        var queue = Trigger(Function(ImageEventsApi.Function));
        var today = CustomHandlerTrigger(ImageEventsApi.Function);
        Assert.Equal(("queueTrigger", (string?)today["queueName"], (string?)today["connection"]), ((string?)queue["type"], (string?)queue["queueName"], (string?)queue["connection"]));
    }

    [Fact]
    public void Every_function_is_in_the_worker_and_nothing_else()
    {
        var expected = MlBackendRoutes.All.Select(r => r.Function).OfType<string>().Append(ImageEventsApi.Function).Append("imageUploaded").Order();

        Assert.Equal(expected, Metadata.Value.Select(f => (string)f!["name"]!).Order());
        Assert.All(Metadata.Value, f => Assert.Equal("dotnet-isolated", (string?)f!["language"]));
    }
}
