using System.Net;

namespace Prelabel.Host.Tests;

public class ModelOptionTests
{
    [Fact]
    public async Task A_missing_ocr_file_answers_health_and_says_on_setup_which_file_and_setting()
    {
        await using var backend = await PrelabelProcess.StartAsync(new Dictionary<string, string> { ["OCR_DETECTOR_MODEL"] = "missing-det.onnx" });

        var (health, _) = await backend.Http.GetJsonAsync("/health");
        var (status, body, _) = await backend.Http.PostAsync("/setup", """{"project": "1.1", "schema": "<View></View>"}""");

        Assert.Equal(HttpStatusCode.OK, health);
        var detail = JsonHttp.AssertError(HttpStatusCode.InternalServerError, status, body);
        Assert.Contains("missing-det.onnx", detail);
        Assert.Contains("MODEL_DIR", detail);
    }

    [Fact]
    public async Task A_model_folder_without_the_ocr_files_falls_back_to_the_built_in_ones()
    {
        var empty = Directory.CreateTempSubdirectory("prelabel-models-").FullName;
        try
        {
            await using var backend = await PrelabelProcess.StartAsync(arguments: ["--model", empty]);

            var (status, body, _) = await backend.Http.PostAsync("/setup", """{"project": "1.1", "schema": "<View></View>"}""");

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.StartsWith("PP-OCRv4-", (string?)body!["model_version"]);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }
}
