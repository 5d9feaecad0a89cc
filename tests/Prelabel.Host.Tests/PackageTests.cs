using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Prelabel.Importer;
using Prelabel.LabelStudio.TestServer;

namespace Prelabel.Host.Tests;

/// <summary>
/// The zip that ships (scripts/package, deployed by the pipeline to Flex Consumption): its layout, and the unzipped
/// package started the way the Functions host starts a custom handler, serving Label Studio from its own files alone.
/// </summary>
public sealed class PackageTests(AppPackage package, Azurite azurite) : IClassFixture<AppPackage>, IClassFixture<Azurite>
{
    private const string Executable = "Prelabel";

    private static readonly string[] NativeLibraries = ["libonnxruntime.so", "libSkiaSharp.so"];

    [Fact]
    public void Zip_holds_host_json_the_function_folders_the_executable_and_its_native_files_at_the_root()
    {
        using var zip = ZipFile.OpenRead(package.Zip);
        var entries = zip.Entries.Where(e => !e.FullName.EndsWith('/')).ToDictionary(e => e.FullName);

        Assert.Equal(File.ReadAllText(RepositoryRoot.Combine("host.json")), Read(entries["host.json"]));
        var functions = Directory.GetFiles(RepositoryRoot.Combine("functions"), "function.json", SearchOption.AllDirectories);
        Assert.NotEmpty(functions);
        foreach (var function in functions)
        {
            var name = $"{Path.GetFileName(Path.GetDirectoryName(function))}/function.json";
            Assert.True(entries.ContainsKey(name), $"{name} is not in the package");
            Assert.Equal(File.ReadAllText(function), Read(entries[name]));
        }
        foreach (var file in NativeLibraries.Append("models/ocr/ch_PP-OCRv4_det_infer.onnx").Append("models/ocr/ch_PP-OCRv4_rec_infer.onnx").Append("models/ocr/ppocr_keys_v1.txt"))
            Assert.True(entries.ContainsKey(file) && entries[file].Length > 0, $"{file} is missing or empty");
        // The built-in models' optimised graphs, one per model, which a new instance opens instead of optimising again.
        var optimized = entries.Keys.Where(k => k.StartsWith("models/optimized/") && k.EndsWith(".onnx")).ToList();
        Assert.True(optimized.Count == 2 && optimized.All(k => entries[k].Length > 1_000_000), string.Join(", ", optimized));
        Assert.All(entries.Keys, name => Assert.False(name.StartsWith('/') || name.StartsWith("./") || name.Split('/').Contains(".."), name));

        // The host runs the file host.json names; on Linux it must carry the executable bit inside the zip.
        Assert.Equal(Executable, (string?)JsonNode.Parse(Read(entries["host.json"]))!["customHandler"]!["description"]!["defaultExecutablePath"]);
        var mode = (UnixFileMode)((entries[Executable].ExternalAttributes >> 16) & 0x1FF);
        Assert.True(mode.HasFlag(UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute), $"mode {mode}");
        Assert.True(entries[Executable].Length > 10_000_000, "the executable is self-contained");
    }

    [Fact]
    public async Task Unzipped_package_started_as_the_functions_host_does_answers_health_and_reads_text_from_png_and_jpeg()
    {
        var images = Directory.CreateTempSubdirectory("prelabel-package-images-").FullName;
        await using var labelStudio = new LabelStudioTestServer();
        await labelStudio.StartAsync();
        await using var handler = await PrelabelProcess.StartPackageAsync(package.AppRoot, Executable, new Dictionary<string, string>
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
            var mapped = File.ReadAllLines($"/proc/{handler.Id}/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(f => f.Length >= 6).Select(f => f[5]).ToHashSet();
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
    public async Task Unzipped_package_turns_an_upload_in_azurite_into_a_task_through_the_storage_sdk()
    {
        var images = Directory.CreateTempSubdirectory("prelabel-package-upload-").FullName;
        await using var labelStudio = new LabelStudioTestServer();
        await labelStudio.StartAsync();
        labelStudio.AddProject(1, "Receipts", OcrPredictionTests.Config);
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient($"receipts-{Guid.NewGuid():N}"[..20]);
        await container.CreateAsync();
        var image = TextImage.Draw(images, "receipt.png", 700, 160, 56, ("Azure SDK", 40, 100));
        var blob = container.GetBlobClient("cam1/receipt.png");
        await blob.UploadAsync(new BinaryData(image.Bytes), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "image/png" } });
        await using var handler = await PrelabelProcess.StartPackageAsync(package.AppRoot, Executable, new Dictionary<string, string>
        {
            ["LABEL_STUDIO_URL"] = labelStudio.BaseUrl,
            ["LABEL_STUDIO_API_KEY"] = labelStudio.LegacyToken,
            ["IMAGES"] = azurite.ConnectionString,
            ["IMPORT_ROUTES"] = $"{container.Name}=1",
        });
        try
        {
            // The queue trigger's invocation, with the message as Event Grid writes it.
            var message = BlobCreatedEvent.QueueMessage(BlobCreatedEvent.Create(blob.Uri, "image/png", image.Bytes.Length, null).ToJsonString());
            var envelope = new JsonObject { ["Data"] = new JsonObject { ["msg"] = message }, ["Metadata"] = new JsonObject { ["DequeueCount"] = 1 } };
            var (status, body, _) = await handler.Http.PostAsync("/imageEvents", envelope.ToJsonString());

            Assert.True(status == HttpStatusCode.OK, $"{status}: {body}\n{handler.Output}");
            Assert.StartsWith("Imported", (string?)body!["Logs"]![0]);
            using var http = new HttpClient { BaseAddress = new Uri(labelStudio.BaseUrl) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", labelStudio.LegacyToken);
            var task = Assert.Single(JsonNode.Parse(await http.GetStringAsync("/api/tasks/?project=1&fields=all"))!["tasks"]!.AsArray())!;
            Assert.Equal($"azure-blob://{container.Name}/cam1/receipt.png", (string?)task["data"]!["image"]);
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
