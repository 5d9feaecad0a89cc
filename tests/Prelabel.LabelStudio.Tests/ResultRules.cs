using System.Text.Json.Nodes;
using Prelabel.LabelStudio.Config;

namespace Prelabel.LabelStudio.Tests;

/// <summary>
/// The checks Label Studio makes on a prediction result (label_interface/interface.py _validate_region_logic and the
/// control tags' value checks), applied to the serialized JSON because that is what Label Studio receives.
/// </summary>
internal static class ResultRules
{
    private static readonly string[] Coordinates = ["x", "y", "width", "height"];

    public static void AssertValid(LabelingConfig config, JsonObject result)
    {
        var problems = Problems(config, result);
        Assert.True(problems.Count == 0, $"{string.Join("; ", problems)} in {result.ToJsonString()}");
    }

    public static void AssertAllValid(LabelingConfig config, IEnumerable<JsonObject> results)
    {
        foreach (var result in results) AssertValid(config, result);
    }

    public static IReadOnlyList<string> Problems(LabelingConfig config, JsonObject result)
    {
        var json = JsonNode.Parse(result.ToJsonString())!.AsObject();
        var problems = new List<string>();
        foreach (var key in new[] { "from_name", "to_name", "type", "value" })
            if (json[key] is null) problems.Add($"{key} is missing");
        if (problems.Count > 0) return problems;

        var fromName = json["from_name"]!.GetValue<string>();
        var toName = json["to_name"]!.GetValue<string>();
        var type = json["type"]!.GetValue<string>();
        var value = json["value"]!.AsObject();
        if (config.FindControl(fromName) is not { } control) return [$"from_name {fromName} is not a control"];
        if (!control.ToName.Contains(toName)) problems.Add($"to_name {toName} is not in {fromName}'s toName");
        if (type != control.Type.ToLowerInvariant()) problems.Add($"type {type} is not {control.Type.ToLowerInvariant()}");

        var configured = control.Labels.Select(l => l.ResultValue).ToHashSet();
        switch (type)
        {
            case "textarea":
                if (value["text"] is not JsonArray) problems.Add("value.text is not a list");
                break;
            case "taxonomy":
                if (value["taxonomy"] is not JsonArray paths) { problems.Add("value.taxonomy is missing"); break; }
                foreach (var node in paths.SelectMany(p => p!.AsArray()).Select(n => n!.GetValue<string>()))
                    if (!configured.Contains(node)) problems.Add($"taxonomy node {node} is not configured");
                break;
            default:
                if (value[type] is not JsonArray labels) { problems.Add($"value.{type} is missing"); break; }
                foreach (var label in labels.Select(l => l!.GetValue<string>()))
                    if (!configured.Contains(label)) problems.Add($"label {label} is not configured");
                break;
        }

        foreach (var key in Coordinates)
            if (value[key] is { } n && n.GetValue<double>() is < 0 or > 100) problems.Add($"{key} {n} is outside 0-100");
        if (value["points"] is JsonArray points)
            foreach (var coordinate in points.SelectMany(p => p!.AsArray()).Select(c => c!.GetValue<double>()))
                if (coordinate is < 0 or > 100) problems.Add($"point coordinate {coordinate} is outside 0-100");
        if (value["rotation"] is { } rotation && rotation.GetValue<double>() is < 0 or >= 360) problems.Add($"rotation {rotation} is outside [0, 360)");
        if (type == "brushlabels")
        {
            if (value["rle"] is not JsonArray rle || rle.Count == 0) problems.Add("rle is not a non-empty list");
            else if (rle.Any(b => b!.GetValue<double>() is var v && (v != Math.Floor(v) || v is < 0 or > 255))) problems.Add("rle holds an item that is not 0-255");
        }
        if (json["score"] is { } score && score.GetValue<double>() is < 0 or > 1) problems.Add($"score {score} is outside [0, 1]");
        return problems;
    }
}
