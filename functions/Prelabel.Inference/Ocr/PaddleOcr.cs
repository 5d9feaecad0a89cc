using System.Diagnostics;
using System.Numerics;
using System.Security.Cryptography;
using Prelabel.Imaging;
using Prelabel.Onnx;

namespace Prelabel.Inference.Ocr;

/// <summary>
/// PaddleOCR v4: the DB text detector finds lines, each line is cut out upright and read by the CTC recogniser.
/// Sessions are created on first use and shared by all calls; files are hashed once for the model version.
/// </summary>
public sealed class PaddleOcr : ITextReader, IDisposable
{
    private const int RecognizerHeight = 48;

    private readonly PaddleOcrOptions _options;
    private readonly Lazy<Models> _models;
    private readonly Lazy<string> _version;
    private readonly TextDetectionPostProcessor _detection;

    public PaddleOcr(PaddleOcrOptions options, Lazy<OnnxRuntime> runtime)
    {
        _options = options;
        _detection = new TextDetectionPostProcessor(options.Detection);
        _models = new Lazy<Models>(() => Models.Load(options, runtime.Value));
        _version = new Lazy<string>(() => "PP-OCRv4-" + ContentHash(options.DetectorPath, options.RecognizerPath, options.CharactersPath));
    }

    public string ModelVersion => _version.Value;

    public TextPage Read(ReadOnlySpan<byte> encodedImage, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        // Decode at up to twice the detector size: the detector needs less, the recogniser reads small print from the larger copy.
        var decoded = ImageDecoder.Decode(encodedImage, new DecodeOptions(_options.MaxImagePixels, 2 * _options.DetectorMaxSide));
        var image = decoded.Image;
        var decode = Lap(clock);
        var models = _models.Value;

        var (mapWidth, mapHeight) = DetectorSize(image.Width, image.Height, _options.DetectorMaxSide);
        var detectorImage = mapWidth == image.Width && mapHeight == image.Height ? image : ImageResizer.Resize(image, mapWidth, mapHeight);
        var detectorInput = new float[3 * mapWidth * mapHeight];
        TensorWriter.WriteChw(detectorImage, detectorInput, Normalization.ImageNet);
        var preprocess = Lap(clock);

        var map = models.Detector.Run(new Dictionary<string, Tensor> { [models.DetectorInput] = new DenseTensor<float>(detectorInput, 1, 3, mapHeight, mapWidth) })
            .Values.First().As<float>();
        var inference = Lap(clock);

        var boxes = ReadingOrder.Sort(_detection.Process(map.Span, mapWidth, mapHeight), _options.Detection.SameRowTolerance);
        var postprocess = Lap(clock);

        var (toImageX, toImageY) = ((float)image.Width / mapWidth, (float)image.Height / mapHeight);
        var (toOriginalX, toOriginalY) = ((float)decoded.OriginalWidth / image.Width, (float)decoded.OriginalHeight / image.Height);
        var lines = new List<TextLine>(boxes.Count);
        foreach (var box in boxes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var quad = box.Box.Scale(toImageX, toImageY);
            var crop = QuadCrop.Sample(image.Pixels, image.Width, image.Height, quad, RecognizerHeight);
            var recognizerInput = new float[3 * crop.Width * crop.Height];
            TensorWriter.WriteChw(new RgbImage(crop.Width, crop.Height, crop.Pixels), recognizerInput, Normalization.SignedUnitRange);
            preprocess += Lap(clock);

            var scores = models.Recognizer.Run(new Dictionary<string, Tensor> { [models.RecognizerInput] = new DenseTensor<float>(recognizerInput, 1, 3, crop.Height, crop.Width) })
                .Values.First().As<float>();
            inference += Lap(clock);

            var text = CtcGreedyDecoder.Decode(scores.Span, (int)scores.Shape[1], (int)scores.Shape[2], models.Characters);
            var corners = quad.Scale(toOriginalX, toOriginalY).ClipTo(decoded.OriginalWidth, decoded.OriginalHeight).ToArray()
                .Select(p => new Vector2(p.X, p.Y)).ToArray();
            lines.Add(new TextLine(corners, text.Text.Trim(), box.Score, text.Score));
            postprocess += Lap(clock);
        }
        return new TextPage(decoded.OriginalWidth, decoded.OriginalHeight, lines, new StageTimings(decode, preprocess, inference, postprocess));
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

    private static double Lap(Stopwatch clock)
    {
        var ms = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        return ms;
    }

    private static string ContentHash(params string[] paths)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in paths)
            hash.AppendData(File.ReadAllBytes(Existing(path)));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..8];
    }

    private static string Existing(string path) => File.Exists(path)
        ? path
        : throw new FileNotFoundException($"OCR model file not found: {path}. Set MODEL_DIR to a folder holding {Path.GetFileName(path)}, or run scripts/install to get the built-in models.", path);

    private sealed record Models(InferenceSession Detector, string DetectorInput, InferenceSession Recognizer, string RecognizerInput, OcrCharacterSet Characters) : IDisposable
    {
        public static Models Load(PaddleOcrOptions options, OnnxRuntime runtime)
        {
            var detector = runtime.CreateSession(Existing(options.DetectorPath), options.Threading);
            var recognizer = runtime.CreateSession(Existing(options.RecognizerPath), options.Threading);
            var classes = (int)recognizer.Outputs[0].Shape[^1];
            var characters = OcrCharacterSet.Load(Existing(options.CharactersPath), classes);
            return new Models(detector, detector.Inputs[0].Name, recognizer, recognizer.Inputs[0].Name, characters);
        }

        public void Dispose()
        {
            Detector.Dispose();
            Recognizer.Dispose();
        }
    }
}
