using System.Text.RegularExpressions;

namespace Prelabel.Host.Tests;

/// <summary>Every setting the host reads has its label-studio-ml-backend name and is explained in the README (Infra tests check the deployment and local.settings.sample.json).</summary>
public partial class SettingsTests
{
    [GeneratedRegex(@"(?:settings\.(?:Text|Number|Integer|Flag|List)\(|configuration\[)""([A-Z][A-Z0-9_]+)""")]
    private static partial Regex SettingRead();

    /// <summary>Set by the Functions host or the shell, not by the user.</summary>
    private static readonly string[] NotUserSettings = [];

    private static string[] SettingsRead() =>
        Directory.GetFiles(RepositoryRoot.Combine("functions", "Prelabel.Host"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => SettingRead().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Except(NotUserSettings).Distinct().Order().ToArray();

    [Fact]
    public void The_host_reads_the_label_studio_ml_backend_names()
    {
        Assert.Superset(new HashSet<string> { "LABEL_STUDIO_URL", "LABEL_STUDIO_API_KEY", "BASIC_AUTH_USER", "BASIC_AUTH_PASS", "MODEL_SCORE_THRESHOLD", "LOG_LEVEL", "MODEL_DIR" },
            SettingsRead().ToHashSet());
    }

    [Fact]
    public void The_readme_explains_every_setting()
    {
        var readme = File.ReadAllText(RepositoryRoot.Combine("README.md"));

        Assert.Equal([], SettingsRead().Where(s => !readme.Contains($"`{s}`")).ToArray());
    }
}
