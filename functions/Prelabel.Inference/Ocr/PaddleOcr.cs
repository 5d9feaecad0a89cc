using System.Diagnostics;
using System.Numerics;
using System.Security.Cryptography;
using Prelabel.Imaging;
using Microsoft.ML.OnnxRuntime;
using Prelabel.Onnx;

namespace Prelabel.Inference.Ocr;

/// <summary>
/// PaddleOCR v4: the DB text detector finds lines, each line is cut out upright and read by the CTC recogniser.
/// Sessions are created on first use and shared by all calls; files are hashed once for the model version.
/// </summary>
public sealed class PaddleOcr : ITextReader, IDisposable
{
    /// <summary>
    /// Recogniser input height (PaddleOCR's rec_image_shape 3,48,320). Unlike PaddleOCR, inputs are not padded to
    /// 320 wide: on short words that read worse (single characters, "x" as "X") and costs time.
    /// </summary>
    public const int RecognizerHeight = 48;

    // PaddleOCR's det NormalizeImage applies mean[0] / std[0] to cv2's first channel, which is blue.
    private static readonly Normalization DetectorNormalization = Normalization.ImageNet.WithBgr();

    private readonly PaddleOcrOptions _options;
    private readonly Lazy<Models> _models;
    private readonly Lazy<FileVersions> _files;
    private readonly Lazy<string> _version;
    private readonly TextDetectionPostProcessor _detection;

    public PaddleOcr(PaddleOcrOptions options)
    {
        _options = options;
        _detection = new TextDetectionPostProcessor(options.Detection);
        // Each file is hashed once: its version keys the model's optimised graph, and the three make the model version.
        _files = new Lazy<FileVersions>(() => new FileVersions(
            ModelFile.Version(Existing(options.DetectorPath)), ModelFile.Version(Existing(options.RecognizerPath)), ModelFile.Version(Existing(options.CharactersPath))));
        _models = new Lazy<Models>(() => Models.Load(options, _files.Value));
        _version = new Lazy<string>(() => "PP-OCRv4-" + ModelFile.Combine(_files.Value.Detector, _files.Value.Recognizer, _files.Value.Characters));
    }

    public string ModelVersion => _version.Value;

    public TextPage Read(ReadOnlySpan<byte> encodedImage, PixelArea? within = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        using var decoded = Decode(encodedImage, _options);
        var (image, offset) = Crop(decoded, within);
        using var cropped = ReferenceEquals(image, decoded.Image) ? null : image;
        var decode = clock.Lap();
        if (image is null)
            return new TextPage(decoded.OriginalWidth, decoded.OriginalHeight, [], new StageTimings(decode, 0, 0, 0));
        var models = _models.Value;

        using var detectorInput = DetectorInput(image, _options.DetectorMaxSide);
        var (mapHeight, mapWidth) = ((int)detectorInput.Shape[2], (int)detectorInput.Shape[3]);
        var preprocess = clock.Lap();

        double inference;
        IReadOnlyList<DetectedText> boxes;
        using (var detected = models.Detector.Run(models.DetectorInput, detectorInput.Value, cancellationToken))
        {
            inference = clock.Lap();
            boxes = _detection.Process(models.Output(models.Detector, detected, 1, mapHeight, mapWidth).Values, mapWidth, mapHeight);
        }

        // A box the user drew around text too small or too tight for the detector is read as one line.
        if (boxes.Count == 0 && within is not null)
            boxes = [new DetectedText(new Quad(new(0, 0), new(mapWidth, 0), new(mapWidth, mapHeight), new(0, mapHeight)), 1f)];
        var (toImageX, toImageY) = ((float)image.Width / mapWidth, (float)image.Height / mapHeight);
        var quads = boxes.Select(b => b.Box.Scale(toImageX, toImageY)).ToArray();
        var postprocess = clock.Lap();

        cancellationToken.ThrowIfCancellationRequested();
        var batches = RecognizerInputs(image, quads, _options.RecognizerBatchSize);
        preprocess += clock.Lap();

        var texts = new RecognizedText[quads.Length];
        try
        {
            foreach (var batch in batches)
            {
                using var recognized = models.Recognizer.Run(models.RecognizerInput, batch.Input.Value, cancellationToken);
                inference += clock.Lap();

                var scores = models.Output(models.Recognizer, recognized, batch.Lines.Count, -1, models.Characters.ClassCount);
                var (steps, classes) = ((int)scores.Shape[1], (int)scores.Shape[2]);
                for (var n = 0; n < batch.Lines.Count; n++)
                {
                    texts[batch.Lines[n]] = CtcGreedyDecoder.Decode(scores.Values.Slice(n * steps * classes, steps * classes), steps, classes, models.Characters);
                }

                postprocess += clock.Lap();
            }
        }
        finally
        {
            foreach (var batch in batches) batch.Dispose();
        }

        var (toOriginalX, toOriginalY) = ((float)decoded.OriginalWidth / decoded.Image.Width, (float)decoded.OriginalHeight / decoded.Image.Height);
        var lines = new List<TextLine>(quads.Length);
        for (var i = 0; i < quads.Length; i++)
        {
            var corners = quads[i].ToArray().Select(p => new Vector2((p.X + offset.X) * toOriginalX, (p.Y + offset.Y) * toOriginalY))
                .Select(p => Vector2.Clamp(p, Vector2.Zero, new Vector2(decoded.OriginalWidth, decoded.OriginalHeight))).ToArray();
            lines.Add(new TextLine(corners, texts[i].Text.Trim(), boxes[i].Score, texts[i].Score));
        }

        postprocess += clock.Lap();
        return new TextPage(decoded.OriginalWidth, decoded.OriginalHeight, lines, new StageTimings(decode, preprocess, inference, postprocess));
    }

    /// <summary>The decoded pixels inside an original-pixel area and their offset; null when the area holds no pixel.</summary>
    private static (RgbImage? Image, Vector2 Offset) Crop(DecodedImage decoded, PixelArea? within)
    {
        if (within is not { } area) return (decoded.Image, Vector2.Zero);
        var image = decoded.Image;
        var (sx, sy) = ((float)image.Width / decoded.OriginalWidth, (float)image.Height / decoded.OriginalHeight);
        var x0 = Math.Clamp((int)MathF.Floor(area.X * sx), 0, image.Width);
        var y0 = Math.Clamp((int)MathF.Floor(area.Y * sy), 0, image.Height);
        var x1 = Math.Clamp((int)MathF.Ceiling((area.X + area.Width) * sx), 0, image.Width);
        var y1 = Math.Clamp((int)MathF.Ceiling((area.Y + area.Height) * sy), 0, image.Height);
        return x1 - x0 < 1 || y1 - y0 < 1 ? (null, Vector2.Zero) : (image.Crop(x0, y0, x1 - x0, y1 - y0), new Vector2(x0, y0));
    }

    /// <summary>The image as the pipeline decodes it: upright, and for JPEGs DCT-scaled to no less than twice the detector size.</summary>
    public static DecodedImage Decode(ReadOnlySpan<byte> encodedImage, PaddleOcrOptions options) =>
        // The detector needs less than twice its size, but the recogniser reads small print from the larger copy.
        ImageDecoder.Decode(encodedImage, new DecodeOptions(options.MaxImagePixels, 2 * options.DetectorMaxSide));

    /// <summary>The detector's [1, 3, H, W] input for an image: resized to <see cref="DetectorSize"/>, BGR, ImageNet mean and std.</summary>
    public static PooledTensor<float> DetectorInput(RgbImage image, int maxSide)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (width, height) = DetectorSize(image.Width, image.Height, maxSide);
        using var resized = width == image.Width && height == image.Height ? null : ImageResizer.Resize(image, width, height);
        var tensor = new PooledTensor<float>(1, 3, height, width);
        TensorWriter.WriteChw(resized ?? image, tensor.Span, DetectorNormalization);
        return tensor;
    }

    /// <summary>
    /// The recogniser inputs for lines found in <paramref name="image"/>, batched as the pipeline runs them: crops
    /// <see cref="RecognizerHeight"/> high keeping their aspect ratio, sorted by it, <paramref name="batchSize"/> per batch.
    /// </summary>
    /// <param name="quads">Line corners in <paramref name="image"/>'s pixel-edge coordinates.</param>
    public static IReadOnlyList<RecognizerBatch> RecognizerInputs(RgbImage image, IReadOnlyList<Quad> quads, int batchSize = PaddleOcrOptions.DefaultRecognizerBatchSize)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(quads);
        return RecognizerInput.Build(image, quads, RecognizerHeight, batchSize);
    }

    /// <summary>PaddleOCR's "max" limit: shrink so the longer side fits, then round each side to a multiple of 32 (the detector's stride).</summary>
    public static (int Width, int Height) DetectorSize(int width, int height, int maxSide)
    {
        var ratio = Math.Max(width, height) > maxSide ? (double)maxSide / Math.Max(width, height) : 1.0;
        static int Round32(double v) => Math.Max(32, (int)Math.Round(v / 32) * 32);
        return (Round32(width * ratio), Round32(height * ratio));
    }

    public void Dispose()
    {
        if (_models.IsValueCreated) _models.Value.Dispose();
    }

    private static string Existing(string path) => File.Exists(path)
        ? path
        : throw new FileNotFoundException($"OCR model file not found: {path}. Set MODEL_DIR to a folder holding {Path.GetFileName(path)}, or run scripts/install to get the built-in models.", path);

    private sealed record Models(OnnxModel Detector, string DetectorInput, OnnxModel Recognizer, string RecognizerInput, OcrCharacterSet Characters) : IDisposable
    {
        public static Models Load(PaddleOcrOptions options, FileVersions files)
        {
            var detector = OnnxModel.Open(options.DetectorPath, options.Sessions, files.Detector, model => (Model: model, Input: model.ImageInput().Name));
            try
            {
                var recognizer = OnnxModel.Open(options.RecognizerPath, options.Sessions, files.Recognizer, model =>
                {
                    var output = model.Session.OutputMetadata[model.Session.OutputNames[0]];
                    if (output.Dimensions is not [_, _, > 0 and var classes])
                        throw new InvalidDataException($"its output is {OnnxModel.Describe(output)}; a CTC recogniser gives [N, steps, classes].");
                    return (Model: model, Input: model.ImageInput().Name, Characters: OcrCharacterSet.Load(Existing(options.CharactersPath), classes));
                });
                return new Models(detector.Model, detector.Input, recognizer.Model, recognizer.Input, recognizer.Characters);
            }
            catch
            {
                detector.Model.Dispose();
                throw;
            }
        }

        /// <summary>The first output as floats, checked to be [batch, first, second, ...] where a size of -1 is not checked.</summary>
        public FloatOutput Output(OnnxModel model, IReadOnlyList<OrtValue> outputs, int batch, int first, int second) => model.Read(() =>
        {
            var output = FloatOutput.Of(outputs[0], model.Session.OutputNames[0]);
            return output.Shape.Length >= 3 && output.Shape[0] == batch && (first < 0 || output.Shape[^2] == first) && output.Shape[^1] == second
                ? output
                : throw new InvalidDataException($"its output for [{batch}, 3, ...] is [{string.Join(", ", output.Shape)}].");
        });

        public void Dispose()
        {
            Detector.Dispose();
            Recognizer.Dispose();
        }
    }

    private sealed record FileVersions(string Detector, string Recognizer, string Characters);
}
