namespace Prelabel.Infra.Tests;

/// <summary>The properties issue 5 asks of each resource: Flex Consumption with the dotnet-isolated runtime, no keys, TLS 1.2, RBAC.</summary>
public class ResourceSettingsTests
{
    [Fact]
    public void The_app_is_a_linux_dotnet_isolated_app_on_flex_consumption_with_memory_and_scale_from_parameters()
    {
        var app = Infra.Module("app").Text;
        var call = Infra.Main.Modules.Single(m => m.Name == "app");

        Assert.Contains("sku: {\n    name: 'FC1'\n    tier: 'FlexConsumption'\n  }", app);
        Assert.Contains("kind: 'functionapp,linux'", app);
        Assert.Contains("runtime: {\n        name: 'dotnet-isolated'\n        version: '10.0'\n      }", app);
        Assert.Contains("instanceMemoryMB: instanceMemoryMB", app);
        Assert.Contains("maximumInstanceCount: maximumInstanceCount", app);
        Assert.Equal(("instanceMemoryMB", "maximumInstanceCount"), (call.Value("instanceMemoryMB"), call.Value("maximumInstanceCount")));
        Assert.Contains(Infra.Main.Parameters, p => p.Name == "instanceMemoryMB" && !p.Required);
        Assert.Contains(Infra.Main.Parameters, p => p.Name == "maximumInstanceCount" && !p.Required);
    }

    [Fact]
    public void Flex_sends_an_instance_what_it_admits_and_two_more_requests_before_scaling_out()
    {
        var call = Infra.Main.Modules.Single(m => m.Name == "app");

        Assert.Contains("triggers: {\n          http: { perInstanceConcurrency: httpPerInstanceConcurrency }\n        }", Infra.Module("app").Text);
        Assert.Equal("inferenceConcurrency + inferenceQueue + 2", call.Value("httpPerInstanceConcurrency"));
        Assert.Equal("string(inferenceConcurrency)", Infra.AppSettings["INFERENCE_CONCURRENCY"]);
        Assert.Equal("string(inferenceQueue)", Infra.AppSettings["INFERENCE_QUEUE"]);
        Assert.All(new[] { "inferenceConcurrency", "inferenceQueue" }, name => Assert.Contains(Infra.Main.Parameters, p => p.Name == name && p.Type == "int" && !p.Required));
    }

    [Fact]
    public void An_instance_takes_no_more_uploads_at_once_than_it_admits_predictions()
    {
        var host = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("host.json")))!["extensions"]!;
        int Default(string parameter) => int.Parse(System.Text.RegularExpressions.Regex.Match(Infra.Main.Text, $@"param {parameter} int = (\d+)").Groups[1].Value);
        var admitted = Default("inferenceConcurrency") + Default("inferenceQueue");

        // The queue extension runs batchSize messages and fetches more once fewer than newBatchThreshold are left.
        Assert.Equal(admitted, (int)host["queues"]!["batchSize"]! + (int)host["queues"]!["newBatchThreshold"]!);
        Assert.Equal(admitted, (int)host["blobs"]!["maxDegreeOfParallelism"]!);
    }

    [Fact]
    public void The_package_container_is_read_with_the_user_assigned_identity()
    {
        var app = Infra.Module("app").Text;

        Assert.Contains("type: 'blobContainer'", app);
        Assert.Contains("type: 'UserAssignedIdentity'\n            userAssignedIdentityResourceId: identityId", app);
        Assert.Contains("type: 'UserAssigned'", app);
    }

    [Fact]
    public void The_app_answers_https_only_with_tls_1_2_and_no_ftp()
    {
        var app = Infra.Module("app").Text;

        Assert.Contains("httpsOnly: true", app);
        Assert.Contains("minTlsVersion: '1.2'", app);
        Assert.Contains("ftpsState: 'Disabled'", app);
    }

    [Fact]
    public void The_storage_account_takes_no_key_unless_asked_and_no_anonymous_read_and_tls_1_2_only()
    {
        var storage = Infra.Module("storage").Text;

        Assert.Contains("allowSharedKeyAccess: allowSharedKeyAccess", storage);
        Assert.Contains("param allowSharedKeyAccess bool = false", storage);
        Assert.Contains("param allowSharedKeyAccess bool = false", Infra.Main.Text);
        Assert.Equal("allowSharedKeyAccess", Infra.Main.Modules.Single(m => m.Name == "storage").Value("allowSharedKeyAccess"));
        Assert.Contains("allowBlobPublicAccess: false", storage);
        Assert.Contains("minimumTlsVersion: 'TLS1_2'", storage);
        Assert.Contains("publicAccess: 'None'", storage);
    }

    [Fact]
    public void Label_studio_may_get_head_and_preflight_blobs_from_its_own_origin()
    {
        var storage = Infra.Module("storage").Text;

        Assert.Contains("allowedOrigins: [ corsOrigin ]", storage);
        Assert.Contains("allowedMethods: [ 'GET', 'HEAD', 'OPTIONS' ]", storage);
        Assert.Equal("corsOrigin", Infra.Main.Modules.Single(m => m.Name == "storage").Value("corsOrigin"));
        Assert.Contains("var corsOrigin = empty(labelStudioOrigin) ? join(take(split(labelStudioUrl, '/'), 3), '/') : labelStudioOrigin", Infra.Main.Text);
    }

    [Fact]
    public void Key_vault_authorizes_with_rbac_and_keeps_secrets_it_is_not_given()
    {
        var vault = Infra.Module("keyVault").Text;

        Assert.Contains("enableRbacAuthorization: true", vault);
        Assert.Contains("= if (!empty(labelStudioApiKey)) {", vault);
        Assert.Contains("= if (!empty(basicAuthPass)) {", vault);
    }

    [Fact]
    public void Application_insights_accepts_only_entra_id_and_keeps_its_data_in_log_analytics()
    {
        var monitoring = Infra.Module("monitoring").Text;

        Assert.Contains("DisableLocalAuth: true", monitoring);
        Assert.Contains("WorkspaceResourceId: workspace.id", monitoring);
    }

    [Fact]
    public void The_outputs_give_the_model_url_and_the_names_of_containers_and_queues()
    {
        Assert.Superset(new HashSet<string> { "functionAppUrl", "functionAppName", "imagesContainer", "imageEventsQueue", "imageEventsPoisonQueue" },
            Infra.Main.Outputs.ToHashSet());
        Assert.Contains("output url string = 'https://${app.properties.defaultHostName}'", Infra.Module("app").Text);
    }

    [Fact]
    public void Azd_finds_the_app_by_its_service_tag()
    {
        Assert.Equal("union(tags, { 'azd-service-name': 'api' })", Infra.Main.Modules.Single(m => m.Name == "app").Value("tags"));
    }
}
