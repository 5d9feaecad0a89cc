using Prelabel.Backend;
using Prelabel.Inference;
using Prelabel.Inference.Ocr;
using Prelabel.LabelStudio.Client;
using Prelabel.Onnx;

namespace Prelabel.Host.Hosting;

/// <summary>Binds every setting once, under the names label-studio-ml-backend users know, and registers the parts.</summary>
public static class PrelabelServices
{
    public static WebApplicationBuilder AddPrelabel(this WebApplicationBuilder builder)
    {
        var settings = new Settings(builder.Configuration);
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(settings.Text("LOG_LEVEL")?.ToUpperInvariant() switch
        {
            "DEBUG" => LogLevel.Debug,
            "WARNING" or "WARN" => LogLevel.Warning,
            "ERROR" => LogLevel.Error,
            _ => LogLevel.Information,
        });

        var client = new LabelStudioClientOptions
        {
            Url = settings.Text("LABEL_STUDIO_URL") ?? settings.Text("LABEL_STUDIO_HOST"),
            ApiKey = settings.Text("LABEL_STUDIO_API_KEY") ?? settings.Text("LABEL_STUDIO_ACCESS_TOKEN"),
            LocalFilesDocumentRoot = settings.Text("LOCAL_FILES_DOCUMENT_ROOT"),
            AllowedHosts = settings.List("MEDIA_ALLOWED_HOSTS"),
            MaxDownloadBytes = settings.Integer("MEDIA_MAX_BYTES", 64 * 1024 * 1024, 1),
            DownloadTimeout = TimeSpan.FromSeconds(settings.Number("MEDIA_TIMEOUT_SECONDS", 30)),
            VerifySsl = settings.Flag("VERIFY_SSL", true),
        };
        client.Validate();

        var ocr = new PaddleOcrOptions
        {
            ModelDirectory = settings.Text("model") ?? settings.Text("MODEL_DIR") ?? PaddleOcrOptions.BuiltInModelDirectory(),
            DetectorFile = settings.Text("OCR_DETECTOR_MODEL") ?? PaddleOcrOptions.DefaultDetectorFile,
            RecognizerFile = settings.Text("OCR_RECOGNIZER_MODEL") ?? PaddleOcrOptions.DefaultRecognizerFile,
            CharactersFile = settings.Text("OCR_CHARACTERS") ?? PaddleOcrOptions.DefaultCharactersFile,
            DetectorMaxSide = settings.Integer("OCR_DETECTOR_MAX_SIDE", PaddleOcrOptions.DefaultDetectorMaxSide, 32),
            MaxImagePixels = settings.Integer("MAX_IMAGE_PIXELS", 100_000_000, 1),
            Threading = new SessionThreading(settings.Integer("ORT_INTRA_OP_THREADS", 0), settings.Integer("ORT_INTER_OP_THREADS", 0)),
        };
        var onnxLibrary = settings.Text("ONNXRUNTIME_LIBRARY");

        var backend = new BackendOptions
        {
            ModelScoreThreshold = settings.Number("MODEL_SCORE_THRESHOLD", 0.5),
            PredictParallelism = settings.Integer("PREDICT_PARALLELISM", 1, 1),
        };

        var services = builder.Services;
        services.AddSingleton(backend);
        services.AddSingleton(client);
        // The native runtime loads on the first prediction, not at start-up: /health must answer at once.
        services.AddSingleton(new Lazy<OnnxRuntime>(() => OnnxRuntime.Load(OnnxRuntimeLibrary.Locate(onnxLibrary))));
        services.AddSingleton<ITextReader>(sp => new PaddleOcr(ocr, sp.GetRequiredService<Lazy<OnnxRuntime>>()));
        services.AddSingleton(sp => new TaskMediaClient(client, logger: sp.GetRequiredService<ILogger<TaskMediaClient>>()));
        services.AddSingleton<ITaskMedia, LabelStudioTaskMedia>();
        services.AddSingleton<MlBackend>();
        return builder;
    }
}
