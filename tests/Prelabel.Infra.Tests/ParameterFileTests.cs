using System.Text.RegularExpressions;

namespace Prelabel.Infra.Tests;

/// <summary>main.bicepparam matches main.bicep: what it gives exists, what main.bicep requires is given.</summary>
public partial class ParameterFileTests
{
    [Fact]
    public void The_parameter_file_is_for_main_bicep()
    {
        Assert.Matches(@"(?m)^using '\./main\.bicep'$", File.ReadAllText(Infra.Combine("main.bicepparam")));
    }

    [Fact]
    public void Every_parameter_it_gives_is_declared_in_main_bicep()
    {
        var declared = Infra.Main.Parameters.Select(p => p.Name).ToHashSet();

        Assert.NotEmpty(Infra.ParameterFile);
        Assert.Equal([], Infra.ParameterFile.Keys.Where(p => !declared.Contains(p)));
    }

    [Fact]
    public void Every_required_parameter_of_main_bicep_is_given()
    {
        Assert.Equal([], Infra.Main.Parameters.Where(p => p.Required && !Infra.ParameterFile.ContainsKey(p.Name)).Select(p => p.Name));
    }

    [Fact]
    public void An_environment_variable_named_after_a_setting_feeds_the_parameter_that_sets_that_setting()
    {
        var keyVault = Infra.Main.Modules.Single(m => m.Name == "keyVault");
        var pairs = Infra.ParameterFile.Select(p => (Parameter: p.Key, Variable: EnvironmentVariable().Match(p.Value)))
            .Where(p => p.Variable.Success && Infra.AppSettings.ContainsKey(p.Variable.Groups[1].Value))
            .Select(p => (p.Parameter, Setting: p.Variable.Groups[1].Value)).ToList();

        Assert.Contains(("labelStudioUrl", "LABEL_STUDIO_URL"), pairs);
        Assert.All(pairs, p =>
        {
            var value = Infra.AppSettings[p.Setting];
            var fed = value.Contains("@Microsoft.KeyVault(")
                ? keyVault.Parameters.Any(e => e.Value == p.Parameter)
                : Regex.IsMatch(value, $@"\b{p.Parameter}\b");
            Assert.True(fed, $"{p.Parameter} reads {p.Setting}, but main.bicep sets {p.Setting} to {value}.");
        });
    }

    [Theory]
    [InlineData("labelStudioApiKey")]
    [InlineData("basicAuthPass")]
    public void Secrets_are_secure_parameters_with_no_value_of_their_own(string parameter)
    {
        Assert.Matches($@"@secure\(\)\n(?:@.*\n)*param {parameter} string = ''\n", Infra.Main.Text);
        Assert.Matches($@"^readEnvironmentVariable\('\w+', ''\)$", Infra.ParameterFile[parameter]);
    }

    [GeneratedRegex(@"^readEnvironmentVariable\('(\w+)'")]
    private static partial Regex EnvironmentVariable();
}
