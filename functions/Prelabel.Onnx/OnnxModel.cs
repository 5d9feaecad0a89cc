using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Prelabel.Onnx;

/// <summary>
/// An ONNX model file open in an ONNX Runtime <see cref="InferenceSession"/>. Whatever goes wrong in opening or running it
/// is an <see cref="OnnxModelException"/> naming the file. Callers may run it from many threads; the runs take turns.
/// </summary>
public sealed class OnnxModel : IDisposable
{
    private OnnxModel(string path, InferenceSession session, string? loadedFrom)
    {
        Path = path;
        Session = session;
        LoadedFrom = loadedFrom ?? path;
        CustomMetadata = session.ModelMetadata.CustomMetadataMap;
    }

    // One run at a time: a run already spreads over every core (intra-op threads), so two at once only take turns,
    // and each holds its own activations in the arena. Measured with scripts/benchmark load (OCR, 2 cores, 20 s a
    // level): peak RSS at 16 clients 385-404 MiB against 428-456, at 2 clients 358 against 420-430, req/s within the
    // noise of the machine (2.65-3.14 at 2 clients against 2.95-3.25).
    private readonly SemaphoreSlim _oneRun = new(1, 1);

    public string Path { get; }

    /// <summary>The file the session was made from: <see cref="Path"/>, or its optimised copy.</summary>
    public string LoadedFrom { get; }

    public InferenceSession Session { get; }

    /// <summary>The model's metadata_props (Ultralytics exports: names, imgsz, task, stride).</summary>
    public IReadOnlyDictionary<string, string> CustomMetadata { get; }

    /// <summary>
    /// Opens the model; with <paramref name="version"/> and an <see cref="SessionSettings.OptimizedModelDirectory"/> that holds
    /// its optimised graph (see <see cref="Optimize"/>), from that.
    /// </summary>
    public static OnnxModel Open(string path, SessionSettings settings, string? version = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(settings);
        if (!File.Exists(path)) throw new OnnxModelException(path, "the file does not exist.");
        var optimized = OptimizedPath(settings.OptimizedModelDirectory, version);
        if (optimized is not null && File.Exists(optimized))
        {
            try
            {
                return new OnnxModel(path, CreateSession(optimized, settings), optimized);
            }
            catch (OnnxRuntimeException)
            {
                // A damaged copy must not stop the model: the original still opens.
            }
        }

        try
        {
            return new OnnxModel(path, CreateSession(path, settings), null);
        }
        catch (OnnxRuntimeException e)
        {
            throw new OnnxModelException(path, $"ONNX Runtime cannot load it ({Reason(e, path)}). Is it a complete .onnx export?", e);
        }
    }

    /// <summary>
    /// Opens the model and reads from it what its family needs. A value the family cannot read (an
    /// <see cref="InvalidDataException"/> or <see cref="FormatException"/> from <paramref name="read"/>) becomes an
    /// error naming the file; on any failure the session is closed.
    /// </summary>
    public static T Open<T>(string path, SessionSettings settings, string? version, Func<OnnxModel, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var model = Open(path, settings, version);
        try
        {
            return model.Read(() => read(model));
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>What <paramref name="read"/> makes of this model's metadata or outputs; what it cannot read is an error naming the file.</summary>
    public T Read<T>(Func<T> read)
        where T : allows ref struct
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException)
        {
            throw Problem(e.Message, e);
        }
    }

    /// <summary>
    /// Writes the model's graph after ONNX Runtime's hardware-independent optimisations (level "extended"), so a new instance
    /// opening it skips that work; layout changes for this CPU are still made when it opens. Returns the file written.
    /// </summary>
    public static string Optimize(string path, string version, string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(version);
        Directory.CreateDirectory(directory);
        var target = OptimizedPath(directory, version)!;
        var partial = target + $".{Environment.ProcessId}.partial";
        try
        {
            using (var options = SessionSettings.Default.CreateOptions(GraphOptimizationLevel.ORT_ENABLE_EXTENDED))
            {
                options.OptimizedModelFilePath = partial;
                using var session = new InferenceSession(path, options);
            }

            File.Move(partial, target, overwrite: true);
            return target;
        }
        catch (OnnxRuntimeException e)
        {
            throw new OnnxModelException(path, $"ONNX Runtime cannot load it ({Reason(e, path)}).", e);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>The name and description of input <paramref name="index"/>, or an error saying what the family needs.</summary>
    public (string Name, NodeMetadata Metadata) Input(int index, string needs)
    {
        if (index >= Session.InputNames.Count)
            throw Problem($"it has {Session.InputNames.Count} input(s); {needs}.");
        var name = Session.InputNames[index];
        return (name, Session.InputMetadata[name]);
    }

    /// <summary>Input <paramref name="index"/> as an image batch [N, 3, H, W] of float32 or float16, else an error naming what it is.</summary>
    public (string Name, NodeMetadata Metadata) ImageInput(int index = 0)
    {
        const string needs = "an image model takes a float32 or float16 tensor [N, 3, H, W]";
        var (name, input) = Input(index, needs);
        if (!input.IsTensor || input.ElementDataType is not (TensorElementType.Float or TensorElementType.Float16) || input.Dimensions.Length != 4
            || input.Dimensions[1] is not (3 or -1))
            throw Problem($"its input \"{name}\" is {Describe(input)}; {needs}.");
        return (name, input);
    }

    /// <summary>Runs the model on one input, all outputs in the order of <see cref="InferenceSession.OutputNames"/>.</summary>
    /// <remarks>Cancelling stops ONNX Runtime between operators and throws <see cref="OperationCanceledException"/>.</remarks>
    public IDisposableReadOnlyCollection<OrtValue> Run(string inputName, OrtValue input, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var options = new RunOptions();
        using var cancel = cancellationToken.CanBeCanceled ? cancellationToken.Register(() => options.Terminate = true) : default;
        try
        {
            _oneRun.Wait(cancellationToken);
            try
            {
                return Session.Run(options, [inputName], [input], Session.OutputNames);
            }
            finally
            {
                _oneRun.Release();
            }
        }
        catch (OnnxRuntimeException e)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw Problem($"running it failed ({Reason(e, Path)}).", e);
        }
    }

    /// <summary>An error about this model.</summary>
    public OnnxModelException Problem(string problem, Exception? inner = null) => new(Path, problem, inner);

    public void Dispose()
    {
        Session.Dispose();
        _oneRun.Dispose();
    }

    /// <summary>The declared shape, -1 where a size is symbolic.</summary>
    public static long[] Shape(NodeMetadata metadata) => Array.ConvertAll(metadata.Dimensions, d => (long)d);

    /// <summary>Shape and element type as a person reads them, e.g. float32 [1, 3, 640, 640].</summary>
    public static string Describe(NodeMetadata metadata) => metadata.IsTensor
        ? $"{metadata.ElementDataType.ToString().ToLowerInvariant()}{(metadata.ElementDataType is TensorElementType.Float ? "32" : "")} [{string.Join(", ", metadata.Dimensions.Select((d, i) => d >= 0 ? d.ToString() : metadata.SymbolicDimensions[i] is { Length: > 0 } s ? s : "?"))}]"
        : metadata.OnnxValueType.ToString().Replace("ONNX_TYPE_", "").ToLowerInvariant();

    private static InferenceSession CreateSession(string file, SessionSettings settings)
    {
        using var options = settings.CreateOptions(GraphOptimizationLevel.ORT_ENABLE_ALL);
        return new InferenceSession(file, options);
    }

    private static string? OptimizedPath(string? directory, string? version) =>
        string.IsNullOrEmpty(directory) || string.IsNullOrEmpty(version)
            ? null
            // Keyed by ONNX Runtime's version too: a newer runtime optimises differently and may not read an older graph.
            : System.IO.Path.Combine(directory, $"{version}.ort-{OrtEnv.Instance().GetVersionString()}.onnx");

    // ORT's message without its "[ErrorCode:X]" prefix, first line only, naming the file but not the folder it is in.
    private static string Reason(OnnxRuntimeException e, string path)
    {
        var message = e.Message;
        if (message.StartsWith('[') && message.IndexOf(']') is var end and > 0) message = message[(end + 1)..].Trim();
        return message.Split('\n')[0].Replace(path, System.IO.Path.GetFileName(path)).TrimEnd('.');
    }
}
