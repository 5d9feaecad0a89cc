using System.Text.Json;
using System.Text.RegularExpressions;

namespace Prelabel.Infra.Tests;

/// <summary>The deployment files of the repository and the settings the code reads, each read once.</summary>
public static partial class Infra
{
    private static readonly Lazy<BicepSource> LazyMain = new(() => BicepSource.Load(Combine("main.bicep")));
    private static readonly Lazy<IReadOnlyList<BicepSource>> LazyFiles = new(() =>
        [.. Directory.GetFiles(Combine(), "*.bicep", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(BicepSource.Load)]);

    /// <summary>Set by the Functions host or the shell, not by the user.</summary>
    private static readonly string[] NotUserSettings = [];

    public static BicepSource Main => LazyMain.Value;

    /// <summary>infra/blob-trigger.bicep, the deployment scripts/subscribe-uploads makes after the code deploy.</summary>
    public static BicepSource BlobTrigger => BicepFiles.Single(f => System.IO.Path.GetFileName(f.Path) == "blob-trigger.bicep");

    /// <summary>main.bicep, every module and blob-trigger.bicep.</summary>
    public static IReadOnlyList<BicepSource> BicepFiles => LazyFiles.Value;

    /// <summary>The functions the Worker.Sdk generated for the isolated worker, as the host reads them.</summary>
    public static System.Text.Json.Nodes.JsonArray FunctionsMetadata() =>
        System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(IsolatedWorker.AppDirectory(), "functions.metadata")))!.AsArray();

    /// <summary>A path under infra/.</summary>
    public static string Combine(params string[] parts) => RepositoryRoot.Combine(["infra", .. parts]);

    public static BicepSource Module(string name) =>
        BicepSource.Load(Path.Combine(Combine(), Main.Modules.Single(m => m.Name == name).Path));

    /// <summary>main.bicep's app settings: name to value expression.</summary>
    public static IReadOnlyDictionary<string, string> AppSettings =>
        Main.VarObject("appSettings").ToDictionary(e => e.Key, e => e.Value);

    /// <summary>infra/local-only-settings.json: settings the deployment leaves unset, each with the reason.</summary>
    public static IReadOnlyDictionary<string, string> LocalOnlySettings =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Combine("local-only-settings.json")))!;

    /// <summary>main.bicepparam: parameter name to value expression.</summary>
    public static IReadOnlyDictionary<string, string> ParameterFile =>
        File.ReadAllLines(Combine("main.bicepparam")).Select(l => ParameterFileLine().Match(l)).Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim());

    /// <summary>Every setting Prelabel.Host reads, found the way SettingsTests finds them.</summary>
    public static string[] SettingsRead() =>
        Directory.GetFiles(RepositoryRoot.Combine("functions", "Prelabel.Host"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => SettingRead().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Except(NotUserSettings).Distinct().Order(StringComparer.Ordinal).ToArray();

    [GeneratedRegex(@"(?:settings\.(?:Text|Number|Integer|Flag|List)\(|configuration\[)""([A-Z][A-Z0-9_]+)""")]
    private static partial Regex SettingRead();

    [GeneratedRegex(@"^param\s+(\w+)\s*=\s*(.+)$")]
    private static partial Regex ParameterFileLine();
}
