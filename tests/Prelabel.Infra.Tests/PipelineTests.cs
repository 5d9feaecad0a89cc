using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Prelabel.Infra.Tests;

/// <summary>azure-pipelines.yml parses, has the four stages issue 5 asks for, and names only paths that exist.</summary>
public partial class PipelineTests
{
    private static readonly YamlMappingNode Pipeline = Yaml.Load(RepositoryRoot.Combine("azure-pipelines.yml"));

    private static YamlNode Stage(string name) =>
        Pipeline.Child("stages").Items().Single(s => s.Child("stage").Text() == name);

    private static IEnumerable<YamlNode> Steps(string stage) =>
        Stage(stage).Child("jobs").Items().SelectMany(j =>
            j.Child("steps").Items().Concat(j.Child("strategy")?.Child("runOnce")?.Child("deploy")?.Child("steps").Items() ?? []));

    private static YamlNode Task(string stage, string task) => Steps(stage).Single(s => s.Child("task").Text() == task);

    /// <summary>The Deploy step that provisions main.bicep.</summary>
    private static YamlNode InfraStep() => Steps("Deploy").Single(s => s.Child("name").Text() == "infra");

    [Fact]
    public void The_stages_are_build_package_deploy_and_smoke_in_that_order()
    {
        Assert.Equal(["Build", "Package", "Deploy", "Smoke"], Pipeline.Child("stages").Items().Select(s => s.Child("stage").Text()));
        Assert.Equal("Build", Stage("Package").Child("dependsOn").Text());
        Assert.Equal("Package", Stage("Deploy").Child("dependsOn").Text());
        Assert.Equal("Deploy", Stage("Smoke").Child("dependsOn").Text());
    }

    [Fact]
    public void Every_script_and_path_the_pipeline_names_exists()
    {
        var paths = Pipeline.Scalars().SelectMany(s => RepositoryPath().Matches(s)).Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.Contains("scripts/test", paths);
        Assert.Contains("infra/main.bicep", paths);
        Assert.Equal([], paths.Where(p => !File.Exists(RepositoryRoot.Combine(p)) && !Directory.Exists(RepositoryRoot.Combine(p))));
    }

    [Fact]
    public void Build_installs_and_tests_with_the_scripts_and_publishes_the_results_even_when_tests_fail()
    {
        var scripts = Steps("Build").Select(s => s.Child("bash").Text()).OfType<string>().ToList();
        var publish = Task("Build", "PublishTestResults@2");

        Assert.Equal(["scripts/install test", "scripts/test"], scripts);
        Assert.Equal("succeededOrFailed()", publish.Child("condition").Text());
        Assert.Equal("trx", Steps("Build").Single(s => s.Child("bash").Text() == "scripts/test").Child("env").Child("VSTestLogger").Text());
    }

    [Fact]
    public void Build_collects_coverage_from_every_test_project_and_publishes_it_even_when_tests_fail()
    {
        var env = Steps("Build").Single(s => s.Child("bash").Text() == "scripts/test").Child("env");
        var publish = Task("Build", "PublishCodeCoverageResults@2");
        var testProjects = File.ReadAllText(RepositoryRoot.Combine("tests", "Directory.Build.props"));

        Assert.Equal("XPlat Code Coverage", env.Child("VSTestCollect").Text());
        Assert.Contains("<PackageReference Include=\"coverlet.collector\"", testProjects);
        Assert.Equal("succeededOrFailed()", publish.Child("condition").Text());
        Assert.Equal(env.Child("VSTestResultsDirectory").Text() + "/**/coverage.cobertura.xml", publish.Child("inputs").Child("summaryFileLocation").Text());
    }

    [Fact]
    public void Build_and_package_run_on_the_debian_the_scripts_name_packages_for()
    {
        var container = Pipeline.Child("resources").Child("containers").Items().Single();

        Assert.Equal("debian", container.Child("container").Text());
        Assert.EndsWith(":bookworm", container.Child("image").Text());
        Assert.All(new[] { "Build", "Package" }, stage =>
            Assert.All(Stage(stage).Child("jobs").Items(), job => Assert.Equal("debian", job.Child("container").Text())));
    }

    [Fact]
    public void Package_publishes_what_scripts_package_builds()
    {
        var script = Steps("Package").Select(s => s.Child("bash").Text()).OfType<string>().Last();
        var publish = Steps("Package").Single(s => s.Child("publish") is not null);

        Assert.Equal("scripts/package \"$(Build.ArtifactStagingDirectory)/prelabel.zip\"", script);
        Assert.Equal("$(Build.ArtifactStagingDirectory)/prelabel.zip", publish.Child("publish").Text());
        Assert.Equal("functionapp", publish.Child("artifact").Text());
    }

    [Fact]
    public void Deploy_runs_what_if_before_creating_the_deployment_of_main_bicep_with_its_parameter_file()
    {
        var script = InfraStep().Child("inputs").Child("inlineScript").Text()!;
        var whatIf = script.IndexOf("az deployment group what-if", StringComparison.Ordinal);
        var create = script.IndexOf("az deployment group create", StringComparison.Ordinal);

        Assert.InRange(whatIf, 0, create);
        Assert.Equal(2, Regex.Count(script, @"--template-file infra/main\.bicep --parameters infra/main\.bicepparam"));
    }

    [Fact]
    public void Deploy_zip_deploys_the_artifact_to_flex_consumption()
    {
        var inputs = Task("Deploy", "AzureFunctionApp@2").Child("inputs")!;

        Assert.Equal("true", inputs.Child("isFlexConsumption").Text());
        Assert.Equal("functionAppLinux", inputs.Child("appType").Text());
        Assert.Equal("$(Pipeline.Workspace)/functionapp/prelabel.zip", inputs.Child("package").Text());
        Assert.Equal("$(functionAppName)", inputs.Child("appName").Text());
    }

    [Fact]
    public void After_the_code_deploy_the_blob_trigger_is_subscribed_with_the_outputs_of_main_bicep()
    {
        var steps = Steps("Deploy").ToList();
        var deploy = steps.FindIndex(s => s.Child("task").Text() == "AzureFunctionApp@2");
        var subscribe = steps.FindIndex(s => s.Child("inputs")?.Child("inlineScript").Text()?.StartsWith("scripts/subscribe-uploads ") == true);
        var infra = InfraStep().Child("inputs").Child("inlineScript").Text()!;

        Assert.InRange(deploy, 0, subscribe - 1);
        Assert.Equal("AzureCLI@2", steps[subscribe].Child("task").Text());
        Assert.Equal("scripts/subscribe-uploads \"$(resourceGroup)\" \"$(functionAppName)\" \"$(blobTriggerTopicName)\" \"$(imagesContainer)\"",
            steps[subscribe].Child("inputs").Child("inlineScript").Text());
        foreach (var output in new[] { "functionAppName", "blobTriggerTopicName", "imagesContainer" })
        {
            Assert.Contains($"##vso[task.setvariable variable={output}]$(output {output})", infra);
            Assert.Contains(output, Infra.Main.Outputs);
        }
    }

    [Fact]
    public void Secret_variables_reach_the_deployment_only_through_its_environment()
    {
        var cli = InfraStep();

        Assert.Equal("$(LABEL_STUDIO_API_KEY)", cli.Child("env").Child("LABEL_STUDIO_API_KEY").Text());
        Assert.Equal("$(BASIC_AUTH_PASS)", cli.Child("env").Child("BASIC_AUTH_PASS").Text());
        Assert.DoesNotContain("$(LABEL_STUDIO_API_KEY)", cli.Child("inputs").Child("inlineScript").Text()!);
    }

    [Fact]
    public void Smoke_asks_the_deployed_app_for_health()
    {
        var script = Steps("Smoke").Select(s => s.Child("bash").Text()).OfType<string>().Single();

        Assert.Contains("$(functionAppUrl)/health", script);
        Assert.Contains("\"status\":\"UP\"", script);
        Assert.Equal("$[ stageDependencies.Deploy.app.outputs['app.infra.functionAppUrl'] ]", Stage("Smoke").Child("variables").Child("functionAppUrl").Text());
        Assert.Contains("isOutput=true]$url", InfraStep().Child("inputs").Child("inlineScript").Text()!);
    }

    /// <summary>A path under one of the repository's top folders, e.g. scripts/test or infra/main.bicepparam.</summary>
    [GeneratedRegex(@"(?<![\w/.$-])((?:scripts|infra|functions|tests|tools)/[\w./-]*\w)")]
    private static partial Regex RepositoryPath();
}
