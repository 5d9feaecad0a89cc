using System.IO.Compression;
using Microsoft.AspNetCore.Http;

namespace Prelabel.Host.Tests.Hostile;

/// <summary>
/// One Prelabel process facing hostile input: a media server on 127.0.0.1 that misbehaves on request (and stands in for
/// Label Studio, so it gets the token), a canary server on another loopback port that no download may ever reach, a
/// local-files root beside a secret file, and model files that are not models.
/// </summary>
public sealed class HostileServers : IAsyncLifetime
{
    /// <summary>What the canary, the secret file and the bad model files hold; never in an answer.</summary>
    public const string Canary = "PRELABEL-CANARY-5c1797e";

    public const string Token = "hostile-legacy-token-0123456789abcdef0123";

    public const long RequestCap = 1024 * 1024;

    public const int MediaTimeoutSeconds = 3;

    private readonly string _root = Directory.CreateTempSubdirectory("prelabel-hostile-").FullName;

    public PrelabelProcess Backend { get; private set; } = null!;

    public LoopbackServer Media { get; private set; } = null!;

    /// <summary>Answers every request with <see cref="Canary"/> and records it: a download that got here passed the SSRF guard.</summary>
    public LoopbackServer Target { get; private set; } = null!;

    public HostileImages Images { get; private set; } = null!;

    public string Models => Path.Combine(_root, "models");

    public string LocalFiles => Path.Combine(_root, "files");

    public string SecretFile => Path.Combine(_root, "secret.txt");

    public int MediaPort => Media.Uri.Port;

    public int TargetPort => Target.Uri.Port;

    public string MediaUrl(string pathAndQuery) => new Uri(Media.Uri, pathAndQuery).ToString();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Models);
        Directory.CreateDirectory(LocalFiles);
        Images = HostileImages.Make(Path.Combine(_root, "images"));
        _ = GzipBomb.Value;
        new YoloOracle("classify", "cat", "dog").Input(224, 224).Output("output0", [0.9f, 0.1f], 1, 2).Save(Path.Combine(Models, "pets.onnx"));
        File.WriteAllText(Path.Combine(Models, "notes.onnx"), $"{Canary}: this is not an ONNX model");
        File.WriteAllBytes(Path.Combine(Models, "truncated.onnx"), File.ReadAllBytes(Path.Combine(Models, "pets.onnx"))[..64]);
        File.WriteAllText(SecretFile, Canary);
        File.WriteAllBytes(Path.Combine(LocalFiles, "ok.png"), Images["png"]);

        Target = await LoopbackServer.StartAsync((context, _) => context.Response.WriteAsync(Canary));
        Media = await LoopbackServer.StartAsync(ServeAsync);
        Backend = await PrelabelProcess.StartAsync(new Dictionary<string, string>
        {
            ["MODEL_DIR"] = Models,
            ["LABEL_STUDIO_URL"] = Media.Uri.ToString().TrimEnd('/'),
            ["LABEL_STUDIO_API_KEY"] = Token,
            ["LOCAL_FILES_DOCUMENT_ROOT"] = LocalFiles,
            ["MEDIA_TIMEOUT_SECONDS"] = MediaTimeoutSeconds.ToString(),
            ["MEDIA_MAX_BYTES"] = (16 * 1024 * 1024).ToString(),
            ["MAX_REQUEST_BYTES"] = RequestCap.ToString(),
            ["MAX_IMAGE_PIXELS"] = HostileImages.MaxImagePixels.ToString(),
        });
    }

    public async Task DisposeAsync()
    {
        await Backend.DisposeAsync();
        await Media.DisposeAsync();
        await Target.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>Peak resident memory of the Prelabel process so far (VmHWM), in bytes.</summary>
    public long PeakResidentBytes()
    {
        var line = File.ReadLines($"/proc/{Backend.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    /// <summary>The misbehaviours, by path: /image/NAME, /redirect?to=URL, /loop, /chain/N, /status/N and the slow or lying ones.</summary>
    private async Task ServeAsync(HttpContext context, int _)
    {
        var response = context.Response;
        var aborted = context.RequestAborted;
        var path = context.Request.Path.Value ?? "/";
        var segments = path.Trim('/').Split('/', 2);
        switch (segments[0])
        {
            case "image" or "data" when Images.TryGet(segments.Length > 1 ? segments[1].Replace("upload/", "") : "", out var bytes):
                response.ContentType = "image/png";
                response.ContentLength = bytes.Length;
                await response.Body.WriteAsync(bytes, aborted);
                break;
            case "redirect":
                response.StatusCode = 302;
                response.Headers.Location = context.Request.Query["to"].ToString();
                break;
            case "loop":
                response.StatusCode = 302;
                response.Headers.Location = "/loop";
                break;
            case "chain":
                var hops = int.Parse(segments[1]);
                response.StatusCode = 302;
                response.Headers.Location = hops > 0 ? $"/chain/{hops - 1}" : "/image/png";
                break;
            case "no-location":
                response.StatusCode = 302;
                break;
            case "status":
                response.StatusCode = int.Parse(segments[1]);
                await response.WriteAsync($"{{\"detail\": \"{Canary} status page\"}}", aborted);
                break;
            case "html":
                response.ContentType = "text/html";
                await response.WriteAsync($"<!doctype html><html><body><h1>Sign in</h1><p>{Canary}</p></body></html>", aborted);
                break;
            case "trickle":
                // One byte a second: the download's total timeout, not the per-read one, must end it.
                response.ContentType = "image/png";
                response.ContentLength = 1000;
                for (var i = 0; i < 1000; i++)
                {
                    await response.Body.WriteAsync(Images["png"].AsMemory(i % Images["png"].Length, 1), aborted);
                    await response.Body.FlushAsync(aborted);
                    await Task.Delay(1000, aborted);
                }
                break;
            case "short":
                // Declares far more than it sends, then hangs up.
                response.ContentLength = 5_000_000;
                await response.Body.WriteAsync(Images["png"].AsMemory(0, 100), aborted);
                await response.Body.FlushAsync(aborted);
                context.Abort();
                break;
            case "declares-huge":
                response.ContentLength = 10L * 1024 * 1024 * 1024;
                await response.Body.FlushAsync(aborted);
                await Task.Delay(Timeout.Infinite, aborted);
                break;
            case "declares-small":
                // Says 10 bytes, would send a whole image: the handler must not read past what was declared.
                response.ContentLength = 10;
                await response.Body.WriteAsync(Images["png"].AsMemory(0, 10), aborted);
                break;
            case "endless":
                var zeros = new byte[64 * 1024];
                while (!aborted.IsCancellationRequested) await response.Body.WriteAsync(zeros, aborted);
                break;
            case "silent":
                await Task.Delay(Timeout.Infinite, aborted);
                break;
            case "gzip-bomb":
                response.ContentType = "image/png";
                response.Headers.ContentEncoding = "gzip";
                await response.Body.WriteAsync(GzipBomb.Value, aborted);
                break;
            case "empty":
                response.ContentType = "image/png";
                response.ContentLength = 0;
                break;
            default:
                response.StatusCode = 404;
                await response.WriteAsync("not found", aborted);
                break;
        }
    }

    /// <summary>256 MB of zeros in a quarter of a megabyte (made once, before the first request asks for it).</summary>
    private static readonly Lazy<byte[]> GzipBomb = new(() =>
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 256; i++) gzip.Write(zeros);
        }
        return packed.ToArray();
    });
}
