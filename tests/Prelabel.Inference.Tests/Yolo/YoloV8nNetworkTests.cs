using Prelabel.Imaging;
using Prelabel.Inference.Yolo;
using Prelabel.Onnx;
using Prelabel.Testing;

namespace Prelabel.Inference.Tests.Yolo;

public sealed class YoloV8nNetworkTests(YoloFixture fixture) : IClassFixture<YoloFixture>
{
    private static readonly Lazy<YoloV8nNetwork> Network = new(() => YoloV8nNetwork.Create());

    [Fact]
    public void The_network_has_yolov8n_s_parameters_less_the_16_fixed_dfl_weights()
    {
        // Ultralytics prints "YOLOv8n summary (fused): 168 layers, 3,151,904 parameters".
        Assert.Equal(3_151_904 - 16, Network.Value.Parameters);
    }

    [Fact]
    public void The_network_loads_as_an_80_class_coco_detector_at_640x640_and_predicts_on_an_image()
    {
        using var model = new YoloModel(Save(), fixture.Sessions);

        var prediction = model.Predict(fixture.Image(1280, 720, "jpg"), YoloOptions.Default);

        Assert.Equal(YoloTask.Detect, model.Metadata.Task);
        Assert.Equal(CocoNames.All, model.Metadata.Names);
        Assert.Equal((640, 640, 32), (model.Metadata.InputWidth, model.Metadata.InputHeight, model.Metadata.Stride));
        Assert.Equal((1280, 720), (prediction.Width, prediction.Height));
    }

    [Fact]
    public void Output0_is_1_by_84_by_8400_of_finite_boxes_and_scores_between_0_and_1()
    {
        using var model = OnnxModel.Open(Save(), fixture.Sessions);
        var image = ImageResizer.Letterbox(ImageDecoder.Decode(fixture.Image(1280, 720)).Image, 640, 640, RgbColor.LetterboxGrey).Image;
        using var input = new PooledTensor<float>(1, 3, 640, 640);
        TensorWriter.WriteChw(image, input.Span, Normalization.UnitRange);

        using var outputs = model.Run("images", input.Value);
        var output = FloatOutput.Of(outputs[0], "output0");

        Assert.Equal([1L, 84, 8400], output.Shape);
        var values = output.Values.ToArray();
        Assert.All(values, v => Assert.True(float.IsFinite(v)));
        Assert.All(values[(4 * 8400)..], s => Assert.InRange(s, 0f, 1f));
    }

    private string Save()
    {
        var folder = Directory.CreateDirectory(Path.Combine(fixture.Folder, Guid.NewGuid().ToString("N"))).FullName;
        return Network.Value.Save(Path.Combine(folder, "yolov8n.onnx"));
    }
}
