using Prelabel.Inference.Yolo;

namespace Prelabel.Inference.Tests.Yolo;

internal static class Expect
{
    /// <summary>Half a pixel: the letterbox mapping is exact, so only float rounding may differ.</summary>
    public const float Pixel = 0.5f;

    public static void Box(int classId, float score, float x1, float y1, float x2, float y2, YoloDetection actual)
    {
        Assert.Equal(classId, actual.ClassId);
        Assert.Equal(score, actual.Score, 1e-5f);
        Assert.Equal(x1, actual.X1, Pixel);
        Assert.Equal(y1, actual.Y1, Pixel);
        Assert.Equal(x2, actual.X2, Pixel);
        Assert.Equal(y2, actual.Y2, Pixel);
    }

    /// <summary>One anchor's channel values: a box then whatever follows it.</summary>
    public static float[] Row(float[] box, params float[] rest) => [.. box, .. rest];
}
