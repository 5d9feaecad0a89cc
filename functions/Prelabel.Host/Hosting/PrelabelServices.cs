using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Prelabel.Backend;
using Prelabel.Host.Apis;
using Prelabel.Host.Commands;
using Prelabel.Host.Storage;
using Prelabel.Importer;
using Prelabel.Importer.Backfill;
using Prelabel.Inference;
using Prelabel.Inference.Models;
using Prelabel.Inference.Ocr;
using Prelabel.Inference.Yolo;
using Prelabel.LabelStudio.Client;
using Prelabel.Onnx;
using Prelabel.Storage;

namespace Prelabel.Host.Hosting;

/// <summary>Binds every setting once, under the names label-studio-ml-backend users know, and registers the parts.</summary>
public static class PrelabelServices
{
    /// <summary>The storage connection of the images, models and learned-state containers, read the Azure Functions way.</summary>
    public const string StorageConnectionName = "IMAGES";

    /// <param name="functionsWorker">Under the Functions host (the isolated worker): logs go to the host, and the host's
    /// triggers stand in for the local queue listener and container watcher.</param>
    public static TBuilder AddPrelabel<TBuilder>(this TBuilder builder, bool functionsWorker = false)
        where TBuilder : IHostApplicationBuilder
    {
        var settings = new Settings(builder.Configuration);
        if (!functionsWorker) builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true);
        var logLevel = settings.Text("LOG_LEVEL")?.ToUpperInvariant() switch
        {
            "DEBUG" => LogLevel.Debug,
            "WARNING" or "WARN" => LogLevel.Warning,
            "ERROR" => LogLevel.Error,
            _ => LogLevel.Information,
        };
        builder.Logging.SetMinimumLevel(logLevel);
        builder.AddPrelabelTelemetry(settings);
        // The Azure SDK logs every request, and every expected 404 or 409 as a warning; what fails reaches our own logs.
        if (logLevel > LogLevel.Debug) builder.Logging.AddFilter("Azure", LogLevel.Error);

        var labelStudioUrl = LabelStudioClient.EndpointFrom(settings.Text("LABEL_STUDIO_URL") ?? settings.Text("LABEL_STUDIO_HOST"));
        var labelStudioKey = LabelStudioApiKey.From(settings.Text("LABEL_STUDIO_API_KEY") ?? settings.Text("LABEL_STUDIO_ACCESS_TOKEN"));
        var labelStudioOptions = new LabelStudioClientOptions
        {
            LocalFilesDocumentRoot = settings.Text("LOCAL_FILES_DOCUMENT_ROOT"),
            AllowedHosts = settings.List("MEDIA_ALLOWED_HOSTS"),
            MaxDownloadBytes = settings.Integer("MEDIA_MAX_BYTES", 64 * 1024 * 1024, 1),
            DownloadTimeout = TimeSpan.FromSeconds(settings.Number("MEDIA_TIMEOUT_SECONDS", 30)),
            VerifySsl = settings.Flag("VERIFY_SSL", true),
            RequestTimeout = TimeSpan.FromSeconds(settings.Number("LABEL_STUDIO_TIMEOUT_SECONDS", 30)),
        };
        labelStudioOptions.Validate();

        // --model takes a folder (MODEL_DIR) or one model file (its folder, and the model for every task without a default).
        var model = settings.Text(CommandLineOptions.Model);
        var modelFile = model is not null && File.Exists(model) ? Path.GetFullPath(model) : null;
        var modelsContainer = settings.Text("MODELS_CONTAINER");
        var learnedStateContainer = settings.Text("LEARNED_STATE_CONTAINER");
        var modelDirectory = modelFile is not null ? Path.GetDirectoryName(modelFile)! : model ?? settings.Text("MODEL_DIR")
            ?? (modelsContainer is not null ? Path.Combine(Path.GetTempPath(), "prelabel-models") : "");
        var maxImagePixels = settings.Integer("MAX_IMAGE_PIXELS", 100_000_000, 1);
        var sessions = new SessionSettings
        {
            IntraOpThreads = settings.Integer("ORT_INTRA_OP_THREADS", 0),
            // scripts/package writes the built-in models' optimised graphs there (Prelabel optimize-models).
            OptimizedModelDirectory = settings.Text("ORT_OPTIMIZED_MODEL_DIR") ?? OptimizeModelsCommand.PackagedDirectory(),
        };
        var registry = new ModelRegistryOptions
        {
            ModelDirectory = modelDirectory,
            AllowCustomModelPath = settings.Flag("ALLOW_CUSTOM_MODEL_PATH", true),
            DefaultModel = modelFile is null ? null : Path.GetFileName(modelFile),
            Defaults = new Dictionary<YoloTask, string?>
            {
                [YoloTask.Detect] = settings.Text("MODEL_DETECT"),
                [YoloTask.Segment] = settings.Text("MODEL_SEGMENT"),
                [YoloTask.Pose] = settings.Text("MODEL_POSE"),
                [YoloTask.Obb] = settings.Text("MODEL_OBB"),
                [YoloTask.Classify] = settings.Text("MODEL_CLASSIFY"),
            }.Where(d => d.Value is not null).ToDictionary(d => d.Key, d => d.Value!),
            Sessions = sessions,
            MaxImagePixels = maxImagePixels,
        };

        var detectorFile = settings.Text("OCR_DETECTOR_MODEL") ?? PaddleOcrOptions.DefaultDetectorFile;
        var ocr = new PaddleOcrOptions
        {
            DetectorFile = detectorFile,
            RecognizerFile = settings.Text("OCR_RECOGNIZER_MODEL") ?? PaddleOcrOptions.DefaultRecognizerFile,
            CharactersFile = settings.Text("OCR_CHARACTERS") ?? PaddleOcrOptions.DefaultCharactersFile,
            DetectorMaxSide = settings.Integer("OCR_DETECTOR_MAX_SIDE", PaddleOcrOptions.DefaultDetectorMaxSide, 32),
            MaxImagePixels = maxImagePixels,
            Sessions = sessions,
        };

        var backend = new BackendOptions
        {
            ModelScoreThreshold = settings.Number("MODEL_SCORE_THRESHOLD", 0.5),
            PredictParallelism = settings.Integer("PREDICT_PARALLELISM", 1, 1),
            MaxImagePixels = maxImagePixels,
            ClusterSampleSize = settings.Integer("CLUSTER_SAMPLE_SIZE", 1000, 2),
            IouThreshold = settings.Number("YOLO_IOU_THRESHOLD", 0.7),
            PredictionScore = settings.Text("PREDICTION_SCORE") is { } mode
                ? Enum.TryParse<PredictionScore>(mode, ignoreCase: true, out var parsed) ? parsed
                    : throw new InvalidOperationException($"PREDICTION_SCORE=\"{mode}\" is not confidence, margin or entropy.")
                : PredictionScore.Confidence,
        };

        var admission = new AdmissionOptions
        {
            Concurrency = settings.Integer("INFERENCE_CONCURRENCY", Environment.ProcessorCount, 1),
            QueueLength = settings.Integer("INFERENCE_QUEUE", 2 * Environment.ProcessorCount, 0),
            MaxWait = TimeSpan.FromSeconds(Math.Max(0.1, settings.Number("INFERENCE_MAX_WAIT_SECONDS", 30))),
        };
        // A prediction blocks its pool thread for the whole ONNX Runtime run. With only one pool thread per core, a busy
        // instance would leave /health waiting for the pool to grow (about two threads a second) past Label Studio's 1 s.
        ThreadPool.GetMinThreads(out var workerThreads, out var ioThreads);
        ThreadPool.SetMinThreads(Math.Max(workerThreads, admission.Concurrency + Environment.ProcessorCount + 2), ioThreads);

        var services = builder.Services;
        services.AddSingleton(backend);
        services.AddSingleton(new RequestBody(settings.Integer("MAX_REQUEST_BYTES", RequestBody.DefaultMaxBytes, 1)));
        services.AddSingleton(new InferenceAdmission(admission));
        // ONNX Runtime's native library loads with the first model, on the first prediction: /health answers at once.
        services.AddSingleton<ITextReader>(sp =>
        {
            // The OCR files come from MODEL_DIR when it holds them (looked at on first use, after the models container
            // was copied there), else the built-in copy.
            ocr.ModelDirectory = modelDirectory.Length > 0 && File.Exists(Path.Combine(modelDirectory, detectorFile)) ? modelDirectory : PaddleOcrOptions.BuiltInModelDirectory();
            return new PaddleOcr(ocr);
        });
        services.AddSingleton(new ModelRegistry(registry));

        // Models and learned states in blob containers need the storage connection IMAGES (a connection string, or
        // IMAGES__accountName / __blobServiceUri with __credential and __clientId for a managed identity).
        var routes = ImportRoutes.Parse(settings.Text("IMPORT_ROUTES"));
        if (modelsContainer is not null || learnedStateContainer is not null || routes.All.Count > 0)
            services.AddStorageClients(StorageConnection.From(builder.Configuration, StorageConnectionName).Require(blob: true, queue: routes.All.Count > 0),
                logRequests: logLevel == LogLevel.Debug);
        if (modelsContainer is not null)
            services.AddSingleton<IModelStore>(sp => new ModelContainerSync(sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(modelsContainer), modelDirectory,
                sp.GetRequiredService<ModelRegistry>(), TimeSpan.FromSeconds(settings.Number("MODEL_REFRESH_SECONDS", 60)), sp.GetRequiredService<ILogger<ModelContainerSync>>()));
        if (learnedStateContainer is not null)
            services.AddSingleton<ILearnedStateStore>(sp => new LearnedStateBlobs(sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(learnedStateContainer),
                sp.GetRequiredService<ILogger<LearnedStateBlobs>>()));
        else
            services.AddSingleton<ILearnedStateStore>(new LearnedStateFiles(settings.Text("LEARNED_STATE_DIR") ?? Path.Combine(modelDirectory.Length > 0 ? modelDirectory : ".prelabel", "learned")));
        services.AddSingleton(sp => new LearnedStates(sp.GetRequiredService<ILearnedStateStore>()));
        services.AddSingleton<ControlPlanner>();
        // Reading annotations needs Label Studio's address; without it the trainer says so when asked to learn.
        // One client, so the API and media downloads share connections, the token, the retries and the circuit breaker.
        services.AddSingleton(sp => new LabelStudioClient(labelStudioUrl, labelStudioKey, labelStudioOptions, sp.GetRequiredService<ILoggerFactory>()));
        if (labelStudioUrl is not null)
            services.AddSingleton(sp => sp.GetRequiredService<LabelStudioClient>().Api);
        services.AddSingleton(sp => new EmbeddingTrainer(sp.GetRequiredService<ModelRegistry>(), sp.GetRequiredService<LearnedStates>(),
            sp.GetRequiredService<ITaskMedia>(), backend, sp.GetRequiredService<ILogger<EmbeddingTrainer>>(), sp.GetService<LabelStudioApiClient>()));
        if (labelStudioUrl is not null)
            services.AddSingleton(sp => new TaskBackfill(sp.GetRequiredService<LabelStudioApiClient>(), sp.GetRequiredService<MlBackend>()));
        services.AddSingleton<InteractiveAnnotation>();
        services.AddSingleton(sp => sp.GetRequiredService<LabelStudioClient>().Media);
        services.AddSingleton<ITaskMedia, LabelStudioTaskMedia>();
        services.AddSingleton<MlBackend>();
        if (routes.All.Count > 0) AddImporter(services, settings, routes, labelStudioUrl is not null && labelStudioKey is not null, local: !functionsWorker);
        return builder;
    }

    /// <summary>Uploads become tasks (IMPORT_ROUTES): the worker's imageUploaded and imageEvents functions, and locally the queue listener and container watcher.</summary>
    private static void AddImporter(IServiceCollection services, Settings settings, ImportRoutes routes, bool labelStudioSet, bool local)
    {
        var toFiles = settings.Text("IMPORT_SINK")?.ToLowerInvariant() switch
        {
            null or "api" => false,
            "files" => true,
            var other => throw new InvalidOperationException($"IMPORT_SINK=\"{other}\" is not api or files."),
        };
        if (!toFiles && !labelStudioSet)
            throw new InvalidOperationException("IMPORT_ROUTES is set, so uploads become Label Studio tasks: set LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY, or IMPORT_SINK=files to write task files instead.");
        var defaults = new ImportOptions();
        var options = new ImportOptions
        {
            Extensions = settings.List("IMPORT_EXTENSIONS") is { Count: > 0 } extensions ? [.. extensions.Select(e => "." + e.TrimStart('.').ToLowerInvariant())] : defaults.Extensions,
            ContentTypes = settings.List("IMPORT_CONTENT_TYPES") is { Count: > 0 } types ? [.. types.Select(t => t.ToLowerInvariant())] : defaults.ContentTypes,
            MaxBytes = settings.Integer("IMPORT_MAX_BYTES", (int)Math.Min(int.MaxValue, defaults.MaxBytes), 1),
            MaxDequeueCount = settings.Integer("IMPORT_MAX_DEQUEUE", defaults.MaxDequeueCount, 1),
            LedgerContainer = settings.Text("IMPORT_LEDGER_CONTAINER") ?? defaults.LedgerContainer,
            RetryDelay = TimeSpan.FromSeconds(settings.Number("IMPORT_RETRY_SECONDS", defaults.RetryDelay.TotalSeconds)),
        };
        static BlobContainerClient Container(IServiceProvider sp, string name) => sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(name);
        static QueueClient Queue(IServiceProvider sp, string name) => sp.GetRequiredService<QueueServiceClient>().GetQueueClient(name);
        services.AddSingleton(options);
        services.AddSingleton(routes);
        services.AddSingleton(sp => new ImportLedger(Container(sp, options.LedgerContainer)));
        if (toFiles)
        {
            var config = settings.Text("IMPORT_LABEL_CONFIG")
                ?? throw new InvalidOperationException("IMPORT_SINK=files predicts without asking Label Studio: set IMPORT_LABEL_CONFIG to the project's labeling config (XML, or the path of an .xml file).");
            var labelConfig = config.TrimStart().StartsWith('<') ? config : File.ReadAllText(config);
            var tasksContainer = settings.Text("IMPORT_TASKS_CONTAINER") ?? routes.All[0].Container;
            services.AddSingleton<ITaskSink>(sp => new TaskFiles(Container(sp, tasksContainer), labelConfig));
        }
        else
        {
            services.AddSingleton<ITaskSink>(sp => new LabelStudioImport(sp.GetRequiredService<LabelStudioApiClient>()));
        }
        services.AddSingleton(sp => new ImageImporter(sp.GetRequiredService<BlobServiceClient>(), sp.GetRequiredService<ImportLedger>(), routes, sp.GetRequiredService<ITaskSink>(),
            sp.GetRequiredService<MlBackend>(), options, sp.GetRequiredService<ILogger<ImageImporter>>()));
        services.AddSingleton(sp => new ImageEventHandler(sp.GetRequiredService<ImageImporter>(), Queue(sp, options.Queue), Queue(sp, options.PoisonQueue), options,
            sp.GetRequiredService<ILogger<ImageEventHandler>>()));
        services.AddSingleton(sp => new ContainerBackfill(sp.GetRequiredService<BlobServiceClient>(), Queue(sp, options.Queue), routes));
        if (!local) return;
        // No Functions host and no Event Grid: the executable does their part against Azurite (or a real account).
        services.AddHostedService(sp => new LocalQueueListener(Queue(sp, options.Queue), sp.GetRequiredService<ImageEventHandler>(), sp.GetRequiredService<ILogger<LocalQueueListener>>()));
        services.AddHostedService(sp => new ContainerWatcher(sp.GetRequiredService<BlobServiceClient>(), Queue(sp, options.Queue), routes, sp.GetRequiredService<ILogger<ContainerWatcher>>()));
    }
}
