using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Prelabel.Functions.TestHost;
using Prelabel.Importer;
using Prelabel.LabelStudio.TestServer;

namespace Prelabel.Host.Tests;

/// <summary>
/// The zip that ships (scripts/package, deployed by the pipeline to Flex Consumption): its layout, and the unzipped
/// package started under the test host as the Functions host starts an isolated worker, serving from its own files.
/// </summary>
public sealed class PackageTests(AppPackage package, Azurite azurite) : IClassFixture<AppPackage>, IClassFixture<Azurite>
{
    private static readonly string[] NativeLibraries = ["libonnxruntime.so", "libSkiaSharp.so"];

    [Fact]
    public void Zip_holds_host_json_the_function_folders_the_executable_and_its_native_files_at_the_root()
    {
        using var zip = ZipFile.OpenRead(package.Zip);
        var entries = zip.Entries.Where(e => !e.FullName.EndsWith('/')).ToDictionary(e => e.FullName);

        Assert.Equal(File.ReadAllText(RepositoryRoot.Combine("host.json")), Read(entries["host.json"]));
        // What the Worker.Sdk generates: the host indexes the worker's functions, not function.json files.
        var metadata = JsonNode.Parse(Read(entries["functions.metadata"]))!.AsArray();
        Assert.Contains(metadata, f => (string?)f!["name"] == "imageUploaded");
        Assert.Equal("dotnet-isolated", (string?)JsonNode.Parse(Read(entries["worker.config.json"]))!["description"]!["language"]);
        Assert.DoesNotContain(entries.Keys, k => k.EndsWith("function.json", StringComparison.Ordinal));
        Assert.Contains(entries.Keys, k => k.StartsWith(".azurefunctions/", StringComparison.Ordinal));
        Assert.True(entries.ContainsKey("Prelabel.Functions.dll"));
        foreach (var file in NativeLibraries.Append("models/ocr/ch_PP-OCRv4_det_infer.onnx").Append("models/ocr/ch_PP-OCRv4_rec_infer.onnx").Append("models/ocr/ppocr_keys_v1.txt"))
            Assert.True(entries.ContainsKey(file) && entries[file].Length > 0, $"{file} is missing or empty");
        // The built-in models' optimised graphs, one per model, which a new instance opens instead of optimising again.
        var optimized = entries.Keys.Where(k => k.StartsWith("models/optimized/") && k.EndsWith(".onnx")).ToList();
        Assert.True(optimized.Count == 2 && optimized.All(k => entries[k].Length > 1_000_000), string.Join(", ", optimized));
        Assert.All(entries.Keys, name => Assert.False(name.StartsWith('/') || name.StartsWith("./") || name.Split('/').Contains(".."), name));
    }

    [Fact]
    public async Task Unzipped_package_under_the_test_host_answers_health_and_reads_text_from_png_and_jpeg()
    {
        var images = Directory.CreateTempSubdirectory("prelabel-package-images-").FullName;
        await using var labelStudio = new LabelStudioTestServer();
        await labelStudio.StartAsync();
        await using var handler = await FunctionsTestHost.StartAsync(package.AppRoot, new Dictionary<string, string>
        {
            ["LABEL_STUDIO_URL"] = labelStudio.BaseUrl,
            ["LABEL_STUDIO_API_KEY"] = labelStudio.LegacyToken,
        });
        try
        {
            var (status, health) = await handler.Http.GetJsonAsync("/health");
            Assert.True(status == HttpStatusCode.OK, $"{status}: {health}\n{handler.Output}");
            Assert.Equal("UP", (string?)health!["status"]);

            foreach (var name in new[] { "receipt.png", "receipt.jpg" })
            {
                var image = TextImage.Draw(images, name, 900, 260, 56, ("Package 2026", 40, 90), ("Flex Consumption", 40, 210));
                var request = new JsonObject
                {
                    ["tasks"] = new JsonArray(new JsonObject { ["id"] = 7, ["data"] = new JsonObject { ["image"] = labelStudio.AddUpload(1, name, image.Bytes) } }),
                    ["project"] = "1.1746612998",
                    ["label_config"] = OcrPredictionTests.Config,
                };
                var (predicted, body, _) = await handler.Http.PostAsync("/predict", request.ToJsonString());
                Assert.True(predicted == HttpStatusCode.OK, $"{name}: {predicted}: {body}\n{handler.Output}");
                var result = Assert.Single(body!["results"]!.AsArray())!["result"]!.AsArray();
                var texts = result.Where(r => (string?)r!["type"] == "textarea").Select(r => (string?)r!["value"]!["text"]![0]).Order();
                Assert.Equal(image.Lines.Select(l => l.Text).Order(), texts);
            }

            // Only the package's own copies may serve: a machine with other copies installed must run it the same.
            var mapped = File.ReadAllLines($"/proc/{handler.WorkerProcessId}/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(f => f.Length >= 6).Select(f => f[5]).ToHashSet();
            foreach (var library in NativeLibraries)
            {
                // A system copy would be mapped under its real name (libonnxruntime.so.1.31.1), so match the stem.
                var stem = library[..(library.IndexOf(".so", StringComparison.Ordinal) + 3)];
                var paths = mapped.Where(p => Path.GetFileName(p).StartsWith(stem, StringComparison.Ordinal)).ToArray();
                Assert.True(paths.Length == 1 && paths[0] == Path.Combine(package.AppRoot, library), $"{library} mapped from [{string.Join(", ", paths)}]");
            }
        }
        finally
        {
            Directory.Delete(images, recursive: true);
        }
    }

    [Fact]
    public async Task Unzipped_package_turns_an_upload_in_azurite_into_one_task_through_the_blob_trigger()
    {
        var images = Directory.CreateTempSubdirectory("prelabel-package-upload-").FullName;
        await using var labelStudio = new LabelStudioTestServer();
        await labelStudio.StartAsync();
        labelStudio.AddProject(1, "Receipts", OcrPredictionTests.Config);
        // The blob trigger watches the images container; this test writes under a prefix of its own.
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("images");
        await container.CreateIfNotExistsAsync();
        var prefix = $"package{Guid.NewGuid():N}"[..16];
        var image = TextImage.Draw(images, "receipt.png", 700, 160, 56, ("Azure SDK", 40, 100));
        var blob = container.GetBlobClient($"{prefix}/cam1/receipt.png");
        await blob.UploadAsync(new BinaryData(image.Bytes), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "image/png" } });
        await using var handler = await FunctionsTestHost.StartAsync(package.AppRoot, new Dictionary<string, string>
        {
            ["LABEL_STUDIO_URL"] = labelStudio.BaseUrl,
            ["LABEL_STUDIO_API_KEY"] = labelStudio.LegacyToken,
            ["IMAGES"] = azurite.ConnectionString,
            ["IMPORT_ROUTES"] = $"images/{prefix}/=1",
            ["IMPORT_LEDGER_CONTAINER"] = $"ledger-{prefix}",
        });
        try
        {
            // Event Grid fires the blob trigger; a second delivery of the same upload changes nothing.
            var first = await handler.InvokeBlobAsync("imageUploaded", "images", blob.Name);
            var second = await handler.InvokeBlobAsync("imageUploaded", "images", blob.Name);

            Assert.True(first.Result.Status == Functions.TestHost.Rpc.StatusResult.Types.Status.Success, $"{first.Result.Exception?.Message}\n{handler.Output}");
            Assert.StartsWith("Imported", handler.LogsOf(first).LastOrDefault());
            Assert.StartsWith("AlreadyImported", handler.LogsOf(second).LastOrDefault());
            using var http = new HttpClient { BaseAddress = new Uri(labelStudio.BaseUrl) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", labelStudio.LegacyToken);
            var task = Assert.Single(JsonNode.Parse(await http.GetStringAsync("/api/tasks/?project=1&fields=all"))!["tasks"]!.AsArray())!;
            Assert.Equal($"azure-blob://images/{prefix}/cam1/receipt.png", (string?)task["data"]!["image"]);
            var texts = task["predictions"]![0]!["result"]!.AsArray().Where(r => (string?)r!["type"] == "textarea").Select(r => (string?)r!["value"]!["text"]![0]);
            Assert.Equal(["Azure SDK"], texts);
        }
        finally
        {
            Directory.Delete(images, recursive: true);
        }
    }

    private static string Read(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }
}
