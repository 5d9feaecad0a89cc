using System.Net;

namespace Prelabel.Host.Tests;

public class ModelOptionTests
{
    [Fact]
    public async Task A_model_folder_without_the_model_answers_health_and_says_what_is_missing_on_setup()
    {
        var empty = Directory.CreateTempSubdirectory("prelabel-no-model-").FullName;
        try
        {
            await using var backend = await PrelabelProcess.StartAsync(arguments: ["--model", empty]);

            var (health, _) = await backend.Http.GetJsonAsync("/health");
            var (status, body, _) = await backend.Http.PostAsync("/setup", """{"project": "1.1", "schema": "<View></View>"}""");

            Assert.Equal(HttpStatusCode.OK, health);
            var detail = JsonHttp.AssertError(HttpStatusCode.InternalServerError, status, body);
            Assert.Contains(Path.Combine(empty, "ch_PP-OCRv4_det_infer.onnx"), detail);
            Assert.Contains("MODEL_DIR", detail);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }
}
