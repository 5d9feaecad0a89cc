using System.Text.Json.Nodes;

namespace Prelabel.Infra.Tests;

/// <summary>
/// host.json and every function.json use only names the Functions host knows: a misspelt key is ignored in Azure
/// without a word, and nothing here runs the host to notice.
/// </summary>
public class FunctionsHostFilesTests
{
    /// <summary>Top-level host.json keys and customHandler keys of Functions 4.x (learn.microsoft.com/azure/azure-functions/functions-host-json).</summary>
    private static readonly HashSet<string> HostKeys = ["version", "aggregator", "concurrency", "extensions", "extensionBundle",
        "functions", "functionTimeout", "healthMonitor", "logging", "managedDependency", "retry", "singleton", "watchDirectories",
        "watchFiles", "customHandler"];

    private static readonly HashSet<string> CustomHandlerKeys = ["description", "enableForwardingHttpRequest", "enableProxyingHttpRequest", "http", "port"];

    private static readonly HashSet<string> DescriptionKeys = ["defaultExecutablePath", "defaultWorkerPath", "arguments", "workingDirectory"];

    /// <summary>Queue extension settings of the Storage extension 5.x.</summary>
    private static readonly HashSet<string> QueueKeys = ["maxPollingInterval", "visibilityTimeout", "batchSize", "maxDequeueCount",
        "newBatchThreshold", "messageEncoding"];

    private static readonly HashSet<string> ExtensionKeys = ["http", "queues", "blobs"];

    private static readonly HashSet<string> HttpKeys = ["routePrefix", "maxOutstandingRequests", "maxConcurrentRequests", "dynamicThrottlesEnabled", "hsts", "customHeaders"];

    private static readonly HashSet<string> BundleKeys = ["id", "version"];

    private static readonly HashSet<string> LoggingKeys = ["fileLoggingMode", "logLevel", "applicationInsights", "console"];

    private static readonly HashSet<string> ApplicationInsightsKeys = ["samplingSettings", "enableLiveMetrics", "enableLiveMetricsFilters",
        "enableDependencyTracking", "enablePerformanceCountersCollection", "httpAutoCollectionOptions", "snapshotConfiguration"];

    private static readonly HashSet<string> SamplingKeys = ["isEnabled", "maxTelemetryItemsPerSecond", "evaluationInterval", "initialSamplingPercentage",
        "samplingPercentageIncreaseTimeout", "samplingPercentageDecreaseTimeout", "minSamplingPercentage", "maxSamplingPercentage",
        "movingAverageRatio", "excludedTypes", "includedTypes"];

    /// <summary>Per binding type: the keys it must have, and its direction.</summary>
    private static readonly Dictionary<string, (string[] Required, string Direction)> Required = new()
    {
        ["httpTrigger"] = (["type", "direction", "name", "authLevel", "methods", "route"], "in"),
        ["http"] = (["type", "direction", "name"], "out"),
        ["queueTrigger"] = (["type", "direction", "name", "queueName", "connection"], "in"),
    };

    private static readonly Dictionary<string, HashSet<string>> BindingKeys = new()
    {
        ["httpTrigger"] = ["type", "direction", "name", "authLevel", "methods", "route"],
        ["http"] = ["type", "direction", "name"],
        ["queueTrigger"] = ["type", "direction", "name", "queueName", "connection"],
    };

    private static JsonObject HostJson() => JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("host.json")))!.AsObject();

    private static IEnumerable<string> Unknown(JsonObject? node, HashSet<string> known) =>
        node is null ? [] : node.Select(p => p.Key).Where(k => !known.Contains(k));

    [Fact]
    public void Host_json_uses_only_known_keys()
    {
        var host = HostJson();

        Assert.Equal([], Unknown(host, HostKeys));
        Assert.Equal([], Unknown(host["customHandler"]?.AsObject(), CustomHandlerKeys));
        Assert.Equal([], Unknown(host["customHandler"]?["description"]?.AsObject(), DescriptionKeys));
        Assert.Equal([], Unknown(host["extensions"]?["queues"]?.AsObject(), QueueKeys));
        Assert.Equal([], Unknown(host["extensions"]?.AsObject(), ExtensionKeys));
        Assert.Equal([], Unknown(host["extensions"]?["http"]?.AsObject(), HttpKeys));
        Assert.Equal([], Unknown(host["extensionBundle"]?.AsObject(), BundleKeys));
        Assert.Equal([], Unknown(host["logging"]?.AsObject(), LoggingKeys));
        Assert.Equal([], Unknown(host["logging"]?["applicationInsights"]?.AsObject(), ApplicationInsightsKeys));
        Assert.Equal([], Unknown(host["logging"]?["applicationInsights"]?["samplingSettings"]?.AsObject(), SamplingKeys));
    }

    [Fact]
    public void Host_json_has_what_the_host_needs_to_start_a_custom_handler_with_the_queue_trigger()
    {
        var host = HostJson();

        Assert.Equal("2.0", (string?)host["version"]);
        // The queue trigger comes from the extension bundle: a custom handler has no extensions project.
        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", (string?)host["extensionBundle"]?["id"]);
        Assert.StartsWith("[4.", (string?)host["extensionBundle"]?["version"]);
        var executable = (string?)host["customHandler"]?["description"]?["defaultExecutablePath"];
        Assert.False(string.IsNullOrEmpty(executable));
        Assert.Equal("base64", (string?)host["extensions"]?["queues"]?["messageEncoding"]);
    }

    [Fact]
    public void Every_function_json_binding_uses_only_the_keys_of_its_type()
    {
        var functions = Directory.GetFiles(RepositoryRoot.Combine("functions"), "function.json", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .ToList();

        Assert.NotEmpty(functions);
        foreach (var file in functions)
        {
            var json = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            Assert.Equal(["bindings"], json.Select(p => p.Key));
            foreach (var binding in json["bindings"]!.AsArray().Select(b => b!.AsObject()))
            {
                var type = (string)binding["type"]!;
                Assert.True(BindingKeys.TryGetValue(type, out var known), $"{file}: binding type {type} is not one this project uses.");
                Assert.Equal([], Unknown(binding, known));
                var (required, direction) = Required[type];
                Assert.Equal([], required.Where(k => binding[k] is null || binding[k]!.ToString().Length == 0).Select(k => $"{file}: {type} needs {k}"));
                Assert.Equal(direction, (string?)binding["direction"]);
                if (type == "httpTrigger")
                {
                    Assert.Contains((string?)binding["authLevel"], new[] { "anonymous", "function", "admin" });
                    Assert.All(binding["methods"]!.AsArray(), m => Assert.Contains((string?)m, new[] { "get", "post", "put", "delete", "head", "patch", "options" }));
                }
            }
        }
    }
}
