using System.Text.RegularExpressions;

namespace Prelabel.Infra.Tests;

/// <summary>
/// What a Bicep compiler would catch first, checked without one: closed brackets, names declared once, module calls
/// that match the modules, module outputs that exist, one stable API version per resource type.
/// </summary>
public partial class BicepFilesTests
{
    /// <summary>API versions confirmed against Microsoft's templates and docs; a change here is a deliberate one.</summary>
    private static readonly Dictionary<string, string> ApiVersions = new()
    {
        ["Microsoft.Authorization"] = "2022-04-01",
        ["Microsoft.EventGrid"] = "2025-02-15",
        ["Microsoft.Insights"] = "2020-02-02",
        ["Microsoft.KeyVault"] = "2023-07-01",
        ["Microsoft.ManagedIdentity"] = "2023-01-31",
        ["Microsoft.OperationalInsights"] = "2023-09-01",
        ["Microsoft.Storage"] = "2023-05-01",
        ["Microsoft.Web"] = "2024-04-01",
    };

    public static TheoryData<string> Files()
    {
        var files = new TheoryData<string>();
        foreach (var file in Infra.BicepFiles)
            files.Add(Path.GetRelativePath(Infra.Combine(), file.Path));
        return files;
    }

    private static BicepSource File(string relative) => Infra.BicepFiles.Single(f => Path.GetRelativePath(Infra.Combine(), f.Path) == relative);

    [Fact]
    public void There_is_a_main_file_and_modules()
    {
        Assert.Contains(Infra.BicepFiles, f => Path.GetFileName(f.Path) == "main.bicep");
        Assert.NotEmpty(Infra.Main.Modules);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_file_closes_its_strings_comments_and_brackets(string file)
    {
        Assert.Equal([], File(file).Errors);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_name_is_declared_once(string file)
    {
        var source = File(file);
        var symbols = source.Declarations.Where(d => d.Kind != "output").GroupBy(d => d.Name).Where(g => g.Count() > 1).Select(g => g.Key);
        var outputs = source.Outputs.GroupBy(o => o).Where(g => g.Count() > 1).Select(g => g.Key);

        Assert.Equal([], symbols.Concat(outputs));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_module_exists_and_is_given_exactly_parameters_it_declares_and_all_it_requires(string file)
    {
        var source = File(file);
        foreach (var call in source.Modules)
        {
            var path = Path.Combine(Path.GetDirectoryName(source.Path)!, call.Path);
            Assert.True(System.IO.File.Exists(path), $"{file}:{call.Line}: module {call.Name} points at {call.Path}, which does not exist.");
            var module = BicepSource.Load(path);
            var given = call.Parameters.Select(p => p.Key).ToHashSet();

            Assert.Equal([], given.Except(module.Parameters.Select(p => p.Name)).Select(p => $"{call.Name} gets unknown {p}"));
            Assert.Equal([], module.Parameters.Where(p => p.Required && !given.Contains(p.Name)).Select(p => $"{call.Name} misses {p.Name}"));
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_module_output_used_is_declared_by_that_module(string file)
    {
        var source = File(file);
        var modules = source.Modules.ToDictionary(m => m.Name, m => BicepSource.Load(Path.Combine(Path.GetDirectoryName(source.Path)!, m.Path)));

        var missing = OutputReference().Matches(source.Code)
            .Select(m => (Module: m.Groups[1].Value, Output: m.Groups[2].Value))
            .Where(r => !modules.TryGetValue(r.Module, out var module) || !module.Outputs.Contains(r.Output))
            .Select(r => $"{r.Module}.outputs.{r.Output}");

        Assert.Equal([], missing.Distinct());
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_resource_type_uses_the_confirmed_stable_api_version_of_its_provider(string file)
    {
        foreach (var (type, apiVersion, line) in File(file).ResourceTypes)
        {
            var provider = type.Split('/')[0];
            Assert.True(ApiVersions.TryGetValue(provider, out var expected), $"{file}:{line}: {provider} has no confirmed API version here.");
            Assert.True(expected == apiVersion, $"{file}:{line}: {type}@{apiVersion}, expected @{expected}.");
        }
    }

    [Fact]
    public void Main_deploys_to_a_resource_group_and_modules_inherit_its_scope()
    {
        Assert.Matches(@"(?m)^targetScope = 'resourceGroup'$", Infra.Main.Text);
        Assert.All(Infra.BicepFiles.Where(f => f.Path != Infra.Main.Path), f => Assert.DoesNotContain("targetScope", f.Code));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_parameter_is_described(string file)
    {
        var source = File(file);
        var lines = source.Text.Split('\n');
        var undescribed = source.Declarations.Where(d => d.Kind == "param")
            .Where(d => !lines.Take(d.Line - 1).Reverse().TakeWhile(l => l.TrimStart().StartsWith('@')).Any(l => l.TrimStart().StartsWith("@description(")))
            .Select(d => d.Name);

        Assert.Equal([], undescribed);
    }

    [GeneratedRegex(@"\b([A-Za-z_]\w*)\.outputs\.([A-Za-z_]\w*)")]
    private static partial Regex OutputReference();
}
