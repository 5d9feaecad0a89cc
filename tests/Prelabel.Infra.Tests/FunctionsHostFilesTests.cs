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
            }
        }
    }
}
