using System.Diagnostics;
using System.Security.Cryptography;
using Prelabel.Imaging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Prelabel.Onnx;

namespace Prelabel.Inference.Yolo;

/// <summary>
/// An Ultralytics YOLO ONNX export (detect, segment, pose, obb or classify). The session is created on first use and
/// shared by all calls; the file is hashed once for the model version.
/// </summary>
public sealed class YoloModel : IDisposable
{
    private readonly Lazy<Loaded> _loaded;
    private readonly Lazy<string> _version;

    public YoloModel(string path, SessionSettings settings)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(settings);
        Path = path;
        _version = new Lazy<string>(() => ModelFile.Version(Existing(path)));
        _loaded = new Lazy<Loaded>(() => Loaded.Create(Existing(path), settings, _version.Value));
    }

    public string Path { get; }

    /// <summary>The model's task, classes and input size; loads the model.</summary>
    public YoloMetadata Metadata => _loaded.Value.Metadata;

    /// <summary>File name without extension, "-", and the first 8 hex digits of the file's SHA-256.</summary>
    public string ModelVersion => _version.Value;

    /// <param name="within">Classifiers only: classify just this area of the original image (an interactive call's drawn box).</param>
    public YoloPrediction Predict(ReadOnlySpan<byte> encodedImage, YoloOptions options, CancellationToken cancellationToken = default, PixelArea? within = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDetections, 1);
        var clock = Stopwatch.StartNew();
        var model = _loaded.Value;
        var metadata = model.Metadata;
        var (width, height) = (metadata.InputWidth, metadata.InputHeight);
        if (within is not null && metadata.Task != YoloTask.Classify)
            throw new InvalidOperationException($"Only a classifier reads one area of an image; {System.IO.Path.GetFileName(Path)} is a {metadata.Task} model.");
        using var whole = ImageDecoder.Decode(encodedImage, new DecodeOptions(options.MaxImagePixels, Math.Max(width, height)));
        using var cut = within is { } area ? Cut(whole, area) : null;
        var decoded = cut is null ? whole : whole with { Image = cut };
        var decode = clock.Lap();

        cancellationToken.ThrowIfCancellationRequested();
        var (input, frame) = metadata.Task == YoloTask.Classify
            ? (metadata.Preprocessing.CenterCrop(decoded.Image, width, height), null)
            : Letterbox(decoded, width, height);
        using var inputImage = input;
        var preprocess = clock.Lap();

        cancellationToken.ThrowIfCancellationRequested();
        using var tensor = model.Tensor(input);
        using var outputs = model.Model.Run(model.InputName, tensor.Value, cancellationToken);
        var inference = clock.Lap();

        var classes = metadata.Names.Count;
        var (detections, probabilities) = model.Model.Read<(IReadOnlyList<YoloDetection>, float[]?)>(() => metadata.Task switch
        {
            YoloTask.Classify => ([], ClassifyDecoder.Decode(model.Output(outputs, 0), classes, metadata.Output)),
            YoloTask.Detect => (DetectDecoder.Decode(model.Output(outputs, 0), classes, frame!, options), null),
            YoloTask.Segment => (SegmentDecoder.Decode(model.Output(outputs, 0), model.Output(outputs, 1), classes, frame!, options), null),
            YoloTask.Pose => (PoseDecoder.Decode(model.Output(outputs, 0), classes, metadata.KeypointShape!.Value, frame!, options), null),
            YoloTask.Obb => (ObbDecoder.Decode(model.Output(outputs, 0), classes, frame!, options), null),
            _ => throw new InvalidOperationException($"Unhandled YOLO task {metadata.Task}."),
        });
        var postprocess = clock.Lap();

        return new YoloPrediction(decoded.OriginalWidth, decoded.OriginalHeight, detections, probabilities,
            new StageTimings(decode, preprocess, inference, postprocess));
    }

    public void Dispose()
    {
        if (_loaded.IsValueCreated)
        {
            _loaded.Value.Model.Dispose();
        }
    }

    private static RgbImage Cut(DecodedImage decoded, PixelArea area)
    {
        var image = decoded.Image;
        var (sx, sy) = ((double)image.Width / decoded.OriginalWidth, (double)image.Height / decoded.OriginalHeight);
        var x0 = Math.Clamp((int)Math.Floor(area.X * sx), 0, image.Width - 1);
        var y0 = Math.Clamp((int)Math.Floor(area.Y * sy), 0, image.Height - 1);
        var x1 = Math.Clamp((int)Math.Ceiling((area.X + area.Width) * sx), x0 + 1, image.Width);
        var y1 = Math.Clamp((int)Math.Ceiling((area.Y + area.Height) * sy), y0 + 1, image.Height);
        return image.Crop(x0, y0, x1 - x0, y1 - y0);
    }

    private static (RgbImage, InputFrame?) Letterbox(DecodedImage decoded, int width, int height)
    {
        var letterbox = ImageResizer.Letterbox(decoded.Image, width, height, RgbColor.LetterboxGrey);
        return (letterbox.Image, new InputFrame(letterbox, decoded.OriginalWidth, decoded.OriginalHeight));
    }

    private static string Existing(string path) => File.Exists(path)
        ? path
        : throw new FileNotFoundException($"YOLO model file not found: {path}.", path);

    private sealed record Loaded(OnnxModel Model, string InputName, bool HalfInput, YoloMetadata Metadata)
    {
        public static Loaded Create(string path, SessionSettings settings, string version) =>
            OnnxModel.Open(path, settings, version, model =>
            {
                var (name, input) = model.ImageInput();
                var metadata = YoloMetadata.Read(model.CustomMetadata, YoloMetadata.SidecarPath(path), OnnxModel.Shape(input));
                return new Loaded(model, name, input.ElementDataType == TensorElementType.Float16, metadata);
            });

        /// <summary>[1, 3, H, W] normalised as the metadata says (Ultralytics: RGB in 0..1), in the input's element type (half-precision exports take float16).</summary>
        public IModelInput Tensor(RgbImage image) => Metadata.Preprocessing.Tensor(image, HalfInput);

        /// <summary>Ultralytics' output0 / output1, or by position for exports that named them otherwise.</summary>
        public FloatOutput Output(IReadOnlyList<OrtValue> outputs, int index)
        {
            var names = Model.Session.OutputNames;
            var position = -1;
            for (var i = 0; i < names.Count && position < 0; i++)
                if (names[i] == $"output{index}") position = i;
            if (position < 0 && index < names.Count) position = index;
            return position >= 0
                ? FloatOutput.Of(outputs[position], names[position])
                : throw new InvalidDataException($"The {Metadata.Task} model has {names.Count} output(s); output{index} is missing.");
        }
    }
}
