using System.Text.Json.Nodes;

namespace Prelabel.Infra.Tests;

/// <summary>
/// host.json and the functions.metadata the Worker.Sdk generates use only names the Functions host knows: a misspelt key
/// is ignored in Azure without a word, and the test host does not read host.json.
/// </summary>
public class FunctionsHostFilesTests
{
    /// <summary>Top-level host.json keys of Functions 4.x (learn.microsoft.com/azure/azure-functions/functions-host-json).</summary>
    private static readonly HashSet<string> HostKeys = ["version", "aggregator", "concurrency", "extensions",
        "functions", "functionTimeout", "healthMonitor", "logging", "retry", "singleton", "watchDirectories", "watchFiles"];

    /// <summary>Blob extension settings of the Storage extension 5.x.</summary>
    private static readonly HashSet<string> BlobKeys = ["maxDegreeOfParallelism", "poisonBlobThreshold"];

    /// <summary>Queue extension settings of the Storage extension 5.x.</summary>
    private static readonly HashSet<string> QueueKeys = ["maxPollingInterval", "visibilityTimeout", "batchSize", "maxDequeueCount",
        "newBatchThreshold", "messageEncoding"];

    private static readonly HashSet<string> ExtensionKeys = ["http", "queues", "blobs"];

    private static readonly HashSet<string> HttpKeys = ["routePrefix", "maxOutstandingRequests", "maxConcurrentRequests", "dynamicThrottlesEnabled", "hsts", "customHeaders"];

    private static readonly HashSet<string> LoggingKeys = ["fileLoggingMode", "logLevel", "applicationInsights", "console"];

    private static readonly HashSet<string> ApplicationInsightsKeys = ["samplingSettings", "enableLiveMetrics", "enableLiveMetricsFilters",
        "enableDependencyTracking", "enablePerformanceCountersCollection", "httpAutoCollectionOptions", "snapshotConfiguration"];

    private static readonly HashSet<string> SamplingKeys = ["isEnabled", "maxTelemetryItemsPerSecond", "evaluationInterval", "initialSamplingPercentage",
        "samplingPercentageIncreaseTimeout", "samplingPercentageDecreaseTimeout", "minSamplingPercentage", "maxSamplingPercentage",
        "movingAverageRatio", "excludedTypes", "includedTypes"];

    /// <summary>Per binding type: the keys it must have, and its direction (the Sdk writes "In" / "Out").</summary>
    private static readonly Dictionary<string, (string[] Required, string Direction)> Required = new()
    {
        ["httpTrigger"] = (["type", "direction", "name", "authLevel", "methods", "route"], "in"),
        ["http"] = (["type", "direction", "name"], "out"),
        ["queueTrigger"] = (["type", "direction", "name", "queueName", "connection"], "in"),
        ["blobTrigger"] = (["type", "direction", "name", "path", "source", "connection"], "in"),
    };

    private static readonly Dictionary<string, HashSet<string>> BindingKeys = new()
    {
        ["httpTrigger"] = ["type", "direction", "name", "authLevel", "methods", "route", "properties"],
        ["http"] = ["type", "direction", "name"],
        ["queueTrigger"] = ["type", "direction", "name", "dataType", "queueName", "connection", "properties"],
        ["blobTrigger"] = ["type", "direction", "name", "path", "source", "connection", "properties"],
    };

    private static JsonObject HostJson() => JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("host.json")))!.AsObject();

    private static IEnumerable<string> Unknown(JsonObject? node, HashSet<string> known) =>
        node is null ? [] : node.Select(p => p.Key).Where(k => !known.Contains(k));

    [Fact]
    public void Host_json_uses_only_known_keys()
    {
        var host = HostJson();

        Assert.Equal([], Unknown(host, HostKeys));
        Assert.Equal([], Unknown(host["extensions"]?["queues"]?.AsObject(), QueueKeys));
        Assert.Equal([], Unknown(host["extensions"]?.AsObject(), ExtensionKeys));
        Assert.Equal([], Unknown(host["extensions"]?["http"]?.AsObject(), HttpKeys));
        Assert.Equal([], Unknown(host["extensions"]?["blobs"]?.AsObject(), BlobKeys));
        Assert.Equal([], Unknown(host["logging"]?.AsObject(), LoggingKeys));
        Assert.Equal([], Unknown(host["logging"]?["applicationInsights"]?.AsObject(), ApplicationInsightsKeys));
        Assert.Equal([], Unknown(host["logging"]?["applicationInsights"]?["samplingSettings"]?.AsObject(), SamplingKeys));
    }

    [Fact]
    public void Host_json_is_an_isolated_workers_with_no_route_prefix_and_base64_queue_messages()
    {
        var host = HostJson();

        Assert.Equal("2.0", (string?)host["version"]);
        // The worker's extensions come from its NuGet packages (.azurefunctions in the package), not from a bundle.
        Assert.Null(host["extensionBundle"]);
        Assert.Null(host["customHandler"]);
        Assert.Equal("", (string?)host["extensions"]?["http"]?["routePrefix"]);
        Assert.Equal("base64", (string?)host["extensions"]?["queues"]?["messageEncoding"]);
    }

    [Fact]
    public void Every_generated_binding_uses_only_the_keys_of_its_type()
    {
        var functions = Infra.FunctionsMetadata();

        Assert.NotEmpty(functions);
        foreach (var function in functions.Select(f => f!.AsObject()))
        {
            var name = (string?)function["name"];
            foreach (var binding in function["bindings"]!.AsArray().Select(b => b!.AsObject()))
            {
                var type = (string)binding["type"]!;
                Assert.True(BindingKeys.TryGetValue(type, out var known), $"{name}: binding type {type} is not one this project uses.");
                Assert.Equal([], Unknown(binding, known));
                var (required, direction) = Required[type];
                Assert.Equal([], required.Where(k => binding[k] is null || binding[k]!.ToString().Length == 0).Select(k => $"{name}: {type} needs {k}"));
                Assert.Equal(direction, ((string?)binding["direction"])?.ToLowerInvariant());
                if (type == "httpTrigger")
                {
                    Assert.Contains(((string?)binding["authLevel"])?.ToLowerInvariant(), new[] { "anonymous", "function", "admin" });
                    Assert.All(binding["methods"]!.AsArray(), m => Assert.Contains((string?)m, new[] { "get", "post", "put", "delete", "head", "patch", "options" }));
                }
            }
        }
    }
}
