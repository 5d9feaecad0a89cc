using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Prelabel.Host.Tests;

/// <summary>The real Label Studio editor in headless Chromium (tests/editor/render-prediction.mjs): what a prediction renders as.</summary>
public static class LabelStudioEditor
{
    /// <summary>Returns the harness report for one prediction: regions, serialized results, per-region texts.</summary>
    public static async Task<JsonObject> RenderAsync(string config, string imagePath, JsonObject prediction)
    {
        var input = new JsonObject
        {
            ["config"] = config,
            ["data"] = new JsonObject { ["image"] = "" },
            ["image"] = imagePath,
            ["image_key"] = "image",
            ["predictions"] = new JsonArray(prediction.DeepClone()),
        };
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, input.ToJsonString());
        try
        {
            var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(RepositoryRoot.Combine("tests", "editor", "render-prediction.mjs"));
            start.ArgumentList.Add(file);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"the editor did not load ({process.ExitCode}): {await error}");
            var report = JsonNode.Parse(await output)!.AsObject();
            return report["predictions"]![0]!.AsObject();
        }
        finally
        {
            File.Delete(file);
        }
    }
}
