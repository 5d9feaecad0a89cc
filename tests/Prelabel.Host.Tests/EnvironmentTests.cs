using System.Net;
using System.Text.Json.Nodes;
using Prelabel.LabelStudio.TestServer;

namespace Prelabel.Host.Tests;

/// <summary>What an instance's environment may hold besides Prelabel's own settings.</summary>
public class EnvironmentTests
{
    [Fact]
    public async Task An_unresolved_key_vault_reference_counts_as_unset_and_is_logged_never_sent_as_a_token()
    {
        await using var labelStudio = new LabelStudioTestServer();
        await labelStudio.StartAsync();
        await using var backend = await Functions.TestHost.FunctionsTestHost.StartAsync(IsolatedWorker.AppDirectory(), new Dictionary<string, string>
        {
            ["LABEL_STUDIO_URL"] = labelStudio.BaseUrl,
            ["LABEL_STUDIO_API_KEY"] = "@Microsoft.KeyVault(SecretUri=https://kv-x.vault.azure.net/secrets/label-studio-api-key)",
        });
        var request = new JsonObject
        {
            ["tasks"] = new JsonArray(new JsonObject { ["id"] = 1, ["data"] = new JsonObject { ["image"] = labelStudio.AddUpload(1, "a.png", [1, 2, 3]) } }),
            ["label_config"] = OcrPredictionTests.Config,
        };

        var (status, body, _) = await backend.Http.PostAsync("/predict", request.ToJsonString());

        Assert.Contains("LABEL_STUDIO_API_KEY is a Key Vault reference the Functions host could not resolve", backend.Output);
        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Contains("LABEL_STUDIO_API_KEY is not set", (string?)body!["detail"]);
    }

    [Fact]
    public async Task Host_port_and_model_variables_of_the_shell_are_not_taken_for_the_command_line_options()
    {
        // Many shells and containers export HOST; were it read as --host, the backend would try to listen there.
        await using var backend = await PrelabelProcess.StartAsync(new Dictionary<string, string>
        {
            ["HOST"] = "203.0.113.9",
            ["MODEL"] = "/nonexistent/model.onnx",
        });

        var (status, health) = await backend.Http.GetJsonAsync("/health");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("UP", (string?)health!["status"]);
        Assert.Equal("127.0.0.1", backend.BaseUrl.Host);
    }
}
