using System.Text.Json.Nodes;
using Prelabel.Host.Apis;
using Prelabel.Host.Hosting;
using Prelabel.Importer;

namespace Prelabel.Host.Tests;

/// <summary>
/// The isolated worker (functions/Prelabel.Functions) as the Worker.Sdk describes it in functions.metadata: one HTTP
/// function per route of the contract with its method and auth level, the queue door on the image-events queue, and the
/// blob trigger the Event Grid subscription calls.
/// </summary>
public class IsolatedWorkerMetadataTests
{
    private static readonly Lazy<JsonArray> Metadata = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(IsolatedWorker.AppDirectory(), "functions.metadata")))!.AsArray());

    private static JsonObject Function(string name) =>
        Metadata.Value.SingleOrDefault(f => (string?)f!["name"] == name)?.AsObject() ?? throw new Xunit.Sdk.XunitException($"functions.metadata has no function {name}");

    private static JsonObject Trigger(JsonObject function) =>
        function["bindings"]!.AsArray().Single(b => ((string?)b!["type"])!.EndsWith("Trigger", StringComparison.Ordinal))!.AsObject();

    [Fact]
    public void Every_route_is_an_http_function_with_its_method_and_only_backfill_needs_a_key()
    {
        foreach (var route in MlBackendRoutes.All)
        {
            var trigger = Trigger(Function(route.Function));
            Assert.Equal("httpTrigger", (string?)trigger["type"]);
            // The host ignores an empty route, so "/" is an optional parameter no other path can fill.
            Assert.Equal(route.Path == "/" ? "{root:maxlength(0)?}" : route.Path.TrimStart('/'), (string?)trigger["route"]);
            Assert.Equal([route.Method], trigger["methods"]!.AsArray().Select(m => ((string)m!).ToUpperInvariant()));
            // Label Studio can send Basic auth but no function key; only the operators' backfill asks for one.
            Assert.Equal(route.Function == "backfill" ? "function" : "anonymous", ((string)trigger["authLevel"]!).ToLowerInvariant());
            Assert.Contains(Function(route.Function)["bindings"]!.AsArray(), b => (string?)b!["type"] == "http" && (string?)b["name"] == "$return");
        }
    }

    [Fact]
    public void Uploads_come_through_an_event_grid_blob_trigger_bound_to_a_blob_reference_and_the_queue_door()
    {
        var blob = Trigger(Function("imageUploaded"));
        Assert.Equal(("images/{name}", "EventGrid", PrelabelServices.StorageConnectionName), ((string?)blob["path"], (string?)blob["source"], (string?)blob["connection"]));
        // Deferred binding: the worker gets the blob's coordinates, never its bytes over gRPC.
        Assert.Equal("True", (string?)blob["properties"]!["supportsDeferredBinding"]);

        var queue = Trigger(Function("imageEvents"));
        Assert.Equal(("queueTrigger", new ImportOptions().Queue, PrelabelServices.StorageConnectionName), ((string?)queue["type"], (string?)queue["queueName"], (string?)queue["connection"]));
        // The importer poisons a message itself, with its reason, on the delivery the extension would otherwise poison it.
        var host = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("host.json")))!;
        Assert.Equal(new ImportOptions().MaxDequeueCount, (int)host["extensions"]!["queues"]!["maxDequeueCount"]!);
        Assert.Equal("base64", (string?)host["extensions"]!["queues"]!["messageEncoding"]);
    }

    [Fact]
    public void Every_function_is_in_the_worker_and_nothing_else()
    {
        var expected = MlBackendRoutes.All.Select(r => r.Function).Append("imageEvents").Append("imageUploaded").Order();

        Assert.Equal(expected, Metadata.Value.Select(f => (string)f!["name"]!).Order());
        Assert.All(Metadata.Value, f => Assert.Equal("dotnet-isolated", (string?)f!["language"]));
        Assert.Empty(Directory.GetFiles(RepositoryRoot.Combine("functions"), "function.json", SearchOption.AllDirectories));
    }
}
