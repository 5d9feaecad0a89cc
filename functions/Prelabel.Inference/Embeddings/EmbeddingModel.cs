using System.Security.Cryptography;
using Prelabel.Imaging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Prelabel.Onnx;

namespace Prelabel.Inference.Embeddings;

/// <summary>
/// An image backbone exported to ONNX whose first output is one vector per image (a pooled feature or a CLIP image
/// embedding). Described by a sidecar JSON (<see cref="EmbeddingMetadata"/>). The session is created on first use
/// and shared by all calls; the file is hashed once for the model version.
/// </summary>
public sealed class EmbeddingModel : IDisposable
{
    // TargetSize bounds the longer side; this keeps the shorter side at least the resize target for images up to 2:1.
    private const int WidestExactAspect = 2;

    private readonly Lazy<Loaded> _loaded;
    private readonly Lazy<string> _version;

    public EmbeddingModel(string path, SessionSettings settings)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(settings);
        Path = path;
        _version = new Lazy<string>(() => ModelFile.Version(Existing(path)));
        _loaded = new Lazy<Loaded>(() => Loaded.Create(Existing(path), settings, _version.Value));
    }

    public string Path { get; }

    /// <summary>Largest full-resolution width*height accepted, checked before decoding (decompression bombs).</summary>
    public long MaxImagePixels { get; init; } = DecodeOptions.Default.MaxPixels;

    /// <summary>Input size and preprocessing; loads the model.</summary>
    public EmbeddingMetadata Metadata => _loaded.Value.Metadata;

    /// <summary>File name without extension, "-", and the first 8 hex digits of the file's SHA-256.</summary>
    public string ModelVersion => _version.Value;

    /// <summary>The image's embedding, L2-normalised (an all-zero output stays zero).</summary>
    /// <exception cref="ImageDecodeException">The bytes are not a readable JPEG, PNG, WebP, GIF or BMP, or the image is over <see cref="MaxImagePixels"/>.</exception>
    /// <exception cref="OnnxModelException">The model cannot be loaded or run, or its first output is not one vector.</exception>
    public float[] Embed(ReadOnlySpan<byte> encodedImage, CancellationToken cancellationToken = default)
    {
        var model = _loaded.Value;
        var metadata = model.Metadata;
        var (width, height) = (metadata.InputWidth, metadata.InputHeight);
        var shorter = metadata.Preprocessing.ResizeShorter ?? Math.Max(width, height);
        using var decoded = ImageDecoder.Decode(encodedImage, new DecodeOptions(MaxImagePixels, shorter * WidestExactAspect));

        cancellationToken.ThrowIfCancellationRequested();
        using var input = metadata.Preprocessing.CenterCrop(decoded.Image, width, height);

        cancellationToken.ThrowIfCancellationRequested();
        using var tensor = model.Tensor(input);
        using var outputs = model.Model.Run(model.InputName, tensor.Value, cancellationToken);
        return Vectors.Normalized(model.Model.Read(() => model.Vector(outputs)));
    }

    public void Dispose()
    {
        if (_loaded.IsValueCreated)
        {
            _loaded.Value.Model.Dispose();
        }
    }

    private static string Existing(string path) => File.Exists(path)
        ? path
        : throw new FileNotFoundException($"Embedding model file not found: {path}.", path);

    private sealed record Loaded(OnnxModel Model, string InputName, bool HalfInput, EmbeddingMetadata Metadata)
    {
        public static Loaded Create(string path, SessionSettings settings, string version) =>
            OnnxModel.Open(path, settings, version, model =>
            {
                var (name, input) = model.ImageInput();
                var metadata = EmbeddingMetadata.Read(EmbeddingMetadata.SidecarPath(path), OnnxModel.Shape(input));
                return new Loaded(model, name, input.ElementDataType == TensorElementType.Float16, metadata);
            });

        /// <summary>[1, 3, H, W] normalised as the sidecar says, in the input's element type.</summary>
        public IModelInput Tensor(RgbImage image) => Metadata.Preprocessing.Tensor(image, HalfInput);

        /// <summary>
        /// The first output flattened. Only one axis besides the batch may exceed 1: [1, D] and [1, D, 1, 1] are one
        /// vector, while [1, tokens, D] is a sequence that the export should have pooled.
        /// </summary>
        public float[] Vector(IReadOnlyList<OrtValue> outputs)
        {
            var output = FloatOutput.Of(outputs[0], Model.Session.OutputNames[0]);
            var shape = output.Shape;
            if (shape.Length < 2 || shape[0] != 1 || shape.Skip(1).Count(d => d > 1) > 1 || output.Values.IsEmpty)
            {
                throw new InvalidDataException(
                    $"The embedding model's first output is [{string.Join(", ", shape)}]; expected one vector, [1, D] or [1, D, 1, 1]. " +
                    "Export the model with its pooling (or projection) so it gives one vector per image.");
            }

            var vector = output.Values.ToArray();
            return vector.All(float.IsFinite)
                ? vector
                : throw new InvalidDataException("The embedding model's output holds NaN or infinite values.");
        }
    }
}
