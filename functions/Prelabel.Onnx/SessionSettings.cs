using Microsoft.ML.OnnxRuntime;

namespace Prelabel.Onnx;

/// <summary>How every model's session is set up; <see cref="SessionOptions"/> are made from it when a model opens.</summary>
public sealed record SessionSettings
{
    /// <summary>ORT_INTRA_OP_THREADS: threads inside one operator; 0 means one per core of the instance.</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>
    /// ORT_OPTIMIZED_MODEL_DIR: where a model's graph, optimised once, is kept by model version and read on later opens;
    /// null keeps nothing.
    /// </summary>
    public string? OptimizedModelDirectory { get; init; }

    public static SessionSettings Default { get; } = new();

    /// <summary>The threads actually used: the setting, or the instance's cores.</summary>
    public int EffectiveIntraOpThreads => IntraOpThreads > 0 ? IntraOpThreads : Environment.ProcessorCount;

    // Registered once, before the first session that uses it; the defaults are ORT's own arena settings.
    private static readonly Lazy<bool> SharedArena = new(() =>
    {
        using var memory = new OrtMemoryInfo(OrtMemoryInfo.allocatorCPU, OrtAllocatorType.ArenaAllocator, 0, OrtMemType.Default);
        using var arena = new OrtArenaCfg(0, -1, -1, -1);
        OrtEnv.Instance().CreateAndRegisterAllocator(memory, arena);
        return true;
    });

    internal SessionOptions CreateOptions(GraphOptimizationLevel level)
    {
        var options = new SessionOptions
        {
            GraphOptimizationLevel = level,
            IntraOpNumThreads = EffectiveIntraOpThreads,
            // One image's operators run in order; parallel requests already use the other cores.
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            // Measured on the OCR models with inputs of changing size (2 cores): the arena with memory patterns off was
            // as fast as the defaults (317-344 ms against 330) with 76 MiB less peak memory; without the arena it was
            // slower and uneven (331-581 ms). Patterns are planned per input shape, and ours change with every image.
            EnableCpuMemArena = true,
            EnableMemoryPattern = false,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        // One arena for every session of the process instead of one each: a session's arena keeps its largest run's
        // memory for good, so each model added holds its own peak. Measured on the OCR models (1920x1080 page, 2 cores):
        // after detector and recogniser runs 134 MiB resident instead of 160, after two detector runs at once 178-194
        // instead of 221-251, at the same speed.
        options.AddSessionConfigEntry("session.use_env_allocators", "1");
        _ = SharedArena.Value;
        // Pool threads that spin between operators take the cores from everything else the instance does: the other
        // predictions, decoding, the HTTP server. Measured with scripts/benchmark load (2 cores, 20 s a level), spinning
        // off: 2.51 req/s at 1 client (p50 380 ms) and 2.97 at 2, against 1.55 (601 ms) and 1.68 with it on.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return options;
    }
}
