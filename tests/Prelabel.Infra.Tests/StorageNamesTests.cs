using System.Text.Json.Nodes;
using Prelabel.Importer;

namespace Prelabel.Infra.Tests;

/// <summary>The containers and queues the Bicep creates are the ones host.json, the worker's functions and the importer use.</summary>
public class StorageNamesTests
{
    private static readonly ImportOptions Defaults = new();

    private static Dictionary<string, string> Names(string var) =>
        Infra.Main.VarObject(var).ToDictionary(e => e.Key, e => BicepSource.Unquote(e.Value));

    private static JsonNode Binding(string function) =>
        Infra.FunctionsMetadata().Single(f => (string?)f!["name"] == function)!["bindings"]![0]!;

    private static JsonNode ImageEventsBinding() => Binding("imageEvents");

    [Fact]
    public void The_upload_queue_is_the_one_the_image_events_function_listens_on_and_its_poison_queue_is_the_hosts_name()
    {
        var queues = Names("queues");

        Assert.Equal(Defaults.Queue, queues["imageEvents"]);
        Assert.Equal((string?)ImageEventsBinding()["queueName"], queues["imageEvents"]);
        Assert.Equal(Defaults.PoisonQueue, queues["imageEventsPoison"]);
    }

    [Fact]
    public void The_queue_trigger_connection_is_the_identity_based_images_connection()
    {
        var connection = (string)ImageEventsBinding()["connection"]!;

        Assert.Equal("IMAGES", connection);
        Assert.All(new[] { "blobServiceUri", "queueServiceUri", "credential", "clientId" },
            p => Assert.Contains($"{connection}__{p}", Infra.AppSettings.Keys));
    }

    [Fact]
    public void The_blob_trigger_watches_the_images_container_on_the_same_connection()
    {
        var blob = Binding("imageUploaded");

        Assert.Equal($"{Names("containers")["images"]}/{{name}}", (string?)blob["path"]);
        Assert.Equal(("EventGrid", "IMAGES"), ((string?)blob["source"], (string?)blob["connection"]));
    }

    [Fact]
    public void The_dequeue_limit_is_host_json_and_the_importers()
    {
        var host = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("host.json")))!;
        var maxDequeueCount = (int)host["extensions"]!["queues"]!["maxDequeueCount"]!;

        Assert.Equal($"'{maxDequeueCount}'", Infra.AppSettings["IMPORT_MAX_DEQUEUE"]);
        Assert.Equal(Defaults.MaxDequeueCount, maxDequeueCount);
    }

    [Fact]
    public void Each_container_has_the_name_the_settings_and_the_importer_use()
    {
        var containers = Names("containers");

        Assert.Equal(["deploy", "images", "import-ledger", "models", "tasks"], containers.Values.Order());
        Assert.Equal(Defaults.LedgerContainer, containers["importLedger"]);
        Assert.Equal("containers.importLedger", Infra.AppSettings["IMPORT_LEDGER_CONTAINER"]);
        Assert.Equal("containers.models", Infra.AppSettings["MODELS_CONTAINER"]);
        Assert.Equal("containers.models", Infra.AppSettings["LEARNED_STATE_CONTAINER"]);
        Assert.Equal("containers.tasks", Infra.AppSettings["IMPORT_TASKS_CONTAINER"]);
        Assert.Equal("'${storage.outputs.blobEndpoint}${containers.deploy}'",
            Infra.Main.Modules.Single(m => m.Name == "app").Value("deploymentContainerUrl"));
    }

    [Fact]
    public void Every_container_and_queue_is_created()
    {
        var storage = Infra.Main.Modules.Single(m => m.Name == "storage");

        Assert.Equal(Names("containers").Keys.Select(k => $"containers.{k}").Order(), List(storage.Value("containers")).Order());
        Assert.Equal(Names("queues").Keys.Select(k => $"queues.{k}").Order(), List(storage.Value("queues")).Order());
    }

    [Fact]
    public void With_the_queue_trigger_event_grid_sends_blob_created_events_of_the_images_container_to_the_upload_queue_as_its_own_identity()
    {
        var call = Infra.Main.Modules.Single(m => m.Name == "eventGrid");
        var module = Infra.Module("eventGrid").Text;

        Assert.Equal(("containers.images", "queues.imageEvents", "uploadTrigger"), (call.Value("containerName"), call.Value("queueName"), call.Value("uploadTrigger")));
        Assert.Contains("var toQueue = uploadTrigger == 'queue'", module);
        Assert.Contains("resource topicQueueSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (toQueue) {", module);
        Assert.Contains("resource blobCreatedToQueue 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = if (toQueue) {", module);
        Assert.Contains("includedEventTypes: [ 'Microsoft.Storage.BlobCreated' ]", module);
        Assert.Contains("subjectBeginsWith: '/blobServices/default/containers/${containerName}/'", module);
        Assert.Contains("endpointType: 'StorageQueue'", module);
        Assert.Matches(@"deliveryWithResourceIdentity: \{\s*identity: \{ type: 'SystemAssigned' \}", module);
        Assert.Contains("principalId: topic.identity.principalId", module);
        Assert.Contains("dependsOn: [ topicQueueSender ]", module);
    }

    [Fact]
    public void By_default_uploads_go_to_the_blob_trigger_and_main_bicep_subscribes_nothing_itself()
    {
        Assert.Contains("param uploadTrigger string = 'blob'", Infra.Main.Text);
        Assert.Equal("readEnvironmentVariable('UPLOAD_TRIGGER', 'blob')", Infra.ParameterFile["uploadTrigger"]);
        Assert.Contains("output blobTriggerTopicName string = uploadTrigger == 'blob' ? eventGrid.outputs.systemTopicName : ''", Infra.Main.Text);
        Assert.Contains("output imagesContainer string = containers.images", Infra.Main.Text);
        Assert.DoesNotContain("'WebHook'", Infra.Main.Text + Infra.Module("eventGrid").Text);
    }

    [Fact]
    public void The_blob_trigger_subscription_calls_the_blob_extension_webhook_of_the_function_metadata_names_with_its_system_key()
    {
        var blobFunction = Infra.FunctionsMetadata().Single(f => (string?)f!["bindings"]![0]!["type"] == "blobTrigger")!;
        var subscription = Infra.BlobTrigger;

        Assert.Contains($"param functionName string = '{(string?)blobFunction["name"]}'", subscription.Text);
        Assert.Contains("endpointType: 'WebHook'", subscription.Text);
        Assert.Contains("endpointUrl: 'https://${app.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${functionName}"
            + "&code=${listKeys('${app.id}/host/default', '2024-04-01').systemKeys.blobs_extension}'", subscription.Text);
        Assert.Contains("includedEventTypes: [ 'Microsoft.Storage.BlobCreated' ]", subscription.Text);
        Assert.Contains("subjectBeginsWith: '/blobServices/default/containers/${containerName}/'", subscription.Text);
        Assert.Contains("resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {\n  name: systemTopicName\n}", subscription.Text);
        Assert.Equal(["containerName", "functionAppName", "functionName", "systemTopicName"], subscription.Parameters.Select(p => p.Name).Order());
        // The container it filters on is the one the blob trigger watches (imagesContainer is containers.images).
        Assert.StartsWith($"{Names("containers")["images"]}/", (string?)blobFunction["bindings"]![0]!["path"]);
    }

    private static IEnumerable<string> List(string bicepArray) =>
        bicepArray.Trim('[', ']', ' ').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
