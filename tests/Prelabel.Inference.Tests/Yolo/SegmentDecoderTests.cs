using System.Numerics;
using Prelabel.Inference.Yolo;
using Prelabel.Testing;

namespace Prelabel.Inference.Tests.Yolo;

public sealed class SegmentDecoderTests(YoloFixture fixture) : IClassFixture<YoloFixture>
{
    private const int MaskDim = 32;
    private const int ProtoSize = 160;
    private const float Far = 10_000;

    [Theory]
    [InlineData(1280, 720)]
    [InlineData(720, 1280)]
    public void Each_detection_gets_the_outline_of_its_mask_cropped_to_its_box_in_original_pixels(int width, int height)
    {
        using var model = fixture.Model(Oracle(new Letterboxed(width, height)));

        var prediction = model.Predict(fixture.Image(width, height), YoloOptions.Default);

        Assert.Collection(prediction.Detections,
            d =>
            {
                Expect.Box(0, 0.9f, 100, 0, 300, 240, d);
                AssertPolygon([new(160, 0), new(300, 0), new(300, 240), new(160, 240)], d.Polygon!);
                Assert.Null(d.Mask);
            },
            d =>
            {
                Expect.Box(1, 0.8f, 400, 300, 700, 700, d);
                AssertPolygon([new(400, 400), new(700, 400), new(700, 520), new(400, 520)], d.Polygon!);
            });
    }

    [Theory]
    [InlineData(1280, 720)]
    [InlineData(720, 1280)]
    public void Asked_for_masks_each_detection_gets_a_full_size_mask_of_exactly_its_pixels(int width, int height)
    {
        using var model = fixture.Model(Oracle(new Letterboxed(width, height)));

        var prediction = model.Predict(fixture.Image(width, height), new YoloOptions(Masks: true));

        var first = prediction.Detections[0].Mask!;
        Assert.Equal((width, height), (first.Width, first.Height));
        Assert.Equal(140 * 240, first.Area);
        Assert.True(first[160, 0] && first[299, 239]);
        Assert.False(first[159, 100] || first[300, 100] || first[200, 240]);
        Assert.All(first.Pixels, p => Assert.True(p is 0 or 255));
        Assert.Equal(300 * 120, prediction.Detections[1].Mask!.Area);
    }

    [Fact]
    public void A_detection_whose_mask_misses_its_box_has_an_empty_outline()
    {
        var frame = new Letterboxed(1280, 720);
        var protos = Prototypes(frame, (0, 1000, 600, 1100, 700));
        var oracle = new YoloOracle("segment", "person")
            .ChannelMajor("output0", Expect.Row(frame.Box(0, 0, 200, 200), [0.9f, .. Coefficients(0)]))
            .Output("output1", protos, 1, MaskDim, ProtoSize, ProtoSize);
        using var model = fixture.Model(oracle);

        var detection = Assert.Single(model.Predict(fixture.Image(1280, 720), new YoloOptions(Masks: true)).Detections);

        Assert.Empty(detection.Polygon!);
        Assert.Equal(0, detection.Mask!.Area);
    }

    /// <summary>
    /// Two detections: prototype 0 is a vertical band at original x 160..320, cut by the first box at x = 300 and
    /// at its top and bottom; prototype 1 a horizontal band at y 400..520 across the second box. Band edges lie on
    /// 8-pixel steps, so on prototype cell edges at either orientation, where the upsampled mask crosses 0.5 exactly
    /// between two pixels. Bands rather than blocks: bilinear upsampling rounds a block's corners off, as in Ultralytics.
    /// </summary>
    private static YoloOracle Oracle(Letterboxed frame) => new YoloOracle("segment", "person", "car")
        .ChannelMajor("output0",
            Expect.Row(frame.Box(100, 0, 300, 240), [0.9f, 0.01f, .. Coefficients(0)]),
            Expect.Row(frame.Box(400, 300, 700, 700), [0.01f, 0.8f, .. Coefficients(1)]))
        .Output("output1", Prototypes(frame, (0, 160, -Far, 320, Far), (1, -Far, 400, Far, 520)), 1, MaskDim, ProtoSize, ProtoSize);

    private static float[] Coefficients(int prototype)
    {
        var coefficients = new float[MaskDim];
        coefficients[prototype] = 1;
        return coefficients;
    }

    /// <summary>Prototypes that are strongly on (logit 10) over the given original-pixel blocks and off elsewhere.</summary>
    private static float[] Prototypes(Letterboxed frame, params (int Prototype, float X1, float Y1, float X2, float Y2)[] blocks)
    {
        var values = new float[MaskDim * ProtoSize * ProtoSize];
        Array.Fill(values, -10f);
        foreach (var (prototype, x1, y1, x2, y2) in blocks)
        {
            var (from, to) = (frame.ToInput(x1, y1) / 4, frame.ToInput(x2, y2) / 4);
            for (var row = Math.Max((int)from.Y, 0); row < Math.Min((int)to.Y, ProtoSize); row++)
            {
                for (var col = Math.Max((int)from.X, 0); col < Math.Min((int)to.X, ProtoSize); col++)
                {
                    values[(prototype * ProtoSize + row) * ProtoSize + col] = 10f;
                }
            }
        }

        return values;
    }

    private static void AssertPolygon(Vector2[] expected, IReadOnlyList<Vector2> actual)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Vector2.Distance(expected[i], actual[i]) <= Expect.Pixel, $"corner {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
