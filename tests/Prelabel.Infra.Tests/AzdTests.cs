namespace Prelabel.Infra.Tests;

/// <summary>azure.yaml lets azd up provision infra/ and deploy the package scripts/package builds.</summary>
public class AzdTests
{
    private static readonly YamlDotNet.RepresentationModel.YamlMappingNode Azd = Yaml.Load(RepositoryRoot.Combine("azure.yaml"));

    [Fact]
    public void The_infrastructure_is_main_bicep_in_infra()
    {
        var infra = Azd.Child("infra")!;

        Assert.Equal("bicep", infra.Child("provider").Text());
        Assert.Equal("main", infra.Child("module").Text());
        Assert.True(File.Exists(RepositoryRoot.Combine(infra.Child("path").Text()!, "main.bicep")));
        Assert.True(File.Exists(RepositoryRoot.Combine(infra.Child("path").Text()!, "main.bicepparam")));
    }

    [Fact]
    public void The_api_service_is_a_function_app_deployed_from_the_zip_scripts_package_builds()
    {
        var api = Azd.Child("services").Child("api")!;
        var dist = api.Child("dist").Text()!;

        Assert.Equal(("function", "custom"), (api.Child("host").Text(), api.Child("language").Text()));
        Assert.True(Directory.Exists(RepositoryRoot.Combine(api.Child("project").Text()!)));
        Assert.EndsWith(".zip", dist);
        Assert.Equal($"scripts/package {dist}", api.Child("hooks").Child("prepackage").Child("posix").Child("run").Text());
        Assert.True(File.Exists(RepositoryRoot.Combine("scripts", "package")));
    }

    [Fact]
    public void After_deploying_azd_subscribes_the_blob_trigger_with_the_outputs_of_main_bicep()
    {
        var run = Azd.Child("services").Child("api").Child("hooks").Child("postdeploy").Child("posix").Child("run").Text()!;

        Assert.Equal("scripts/subscribe-uploads \"$AZURE_RESOURCE_GROUP\" \"$functionAppName\" \"$blobTriggerTopicName\" \"$imagesContainer\"", run);
        // azd keeps each output as an environment value under the output's own name.
        Assert.All(new[] { "functionAppName", "blobTriggerTopicName", "imagesContainer" }, o => Assert.Contains(o, Infra.Main.Outputs));
    }

    [Fact]
    public void The_service_name_is_the_tag_main_bicep_puts_on_the_function_app()
    {
        Assert.NotNull(Azd.Child("services").Child("api"));
        Assert.Contains("'azd-service-name': 'api'", Infra.Main.Text);
    }
}
