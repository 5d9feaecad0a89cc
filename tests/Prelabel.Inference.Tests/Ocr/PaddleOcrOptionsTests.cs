using Prelabel.Inference.Ocr;

namespace Prelabel.Inference.Tests.Ocr;

public sealed class PaddleOcrOptionsTests
{
    [Fact]
    public void Detection_grows_boxes_more_than_paddleocr_and_other_settings_are_paddleocr_defaults()
    {
        var options = new PaddleOcrOptions();

        Assert.Equal(2.0f, options.Detection.UnclipRatio);
        Assert.Equal(new TextDetectionOptions() with { UnclipRatio = 2.0f }, options.Detection);
        Assert.Equal(960, options.DetectorMaxSide);
        Assert.Equal(1, options.RecognizerBatchSize);
    }

    [Fact]
    public void Model_paths_are_the_file_names_inside_the_model_directory()
    {
        var options = new PaddleOcrOptions { ModelDirectory = "/models", RecognizerFile = "rec.onnx" };

        Assert.Equal(("/models/ch_PP-OCRv4_det_infer.onnx", "/models/rec.onnx", "/models/ppocr_keys_v1.txt"),
            (options.DetectorPath, options.RecognizerPath, options.CharactersPath));
    }
}
