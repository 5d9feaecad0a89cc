namespace Prelabel.Testing;

/// <summary>
/// Ultralytics' Detect head in its exported form: per scale a box branch (to 4 x reg_max distance bins) and a class
/// branch, then DFL (softmax over the bins, expectation by a fixed 1x1 conv), distances around the anchor points to
/// cx, cy, w, h in input pixels, sigmoid class scores: [1, 4 + classes, anchors].
/// </summary>
public static class YoloV8Detect
{
    private const int RegMax = 16;

    // Ultralytics initialises the last class bias so every score starts near a 1% prior: only outliers pass conf.
    private static readonly float ClassPriorBias = -MathF.Log((1 - 0.01f) / 0.01f);

    /// <param name="levels">Feature maps with their channels and strides, finest first.</param>
    public static string Add(YoloLayers layers, int classes, int inputWidth, int inputHeight, params (string X, int Stride)[] levels)
    {
        var boxWidth = Math.Max(Math.Max(16, layers.Channels(levels[0].X) / 4), 4 * RegMax);
        var classWidth = Math.Max(layers.Channels(levels[0].X), Math.Min(classes, 100));
        var perLevel = levels.Select(level =>
        {
            var box = layers.Conv2d(layers.Conv(layers.Conv(level.X, boxWidth, 3), boxWidth, 3), 4 * RegMax, 1);
            var cls = layers.Conv2d(layers.Conv(layers.Conv(level.X, classWidth, 3), classWidth, 3), classes, 1, bias: ClassPriorBias);
            return layers.Reshape(layers.Concat(1, box, cls), 1, 4 * RegMax + classes, -1);
        }).ToArray();
        var (anchors, strides) = Anchors(inputWidth, inputHeight, levels.Select(l => l.Stride).ToArray());
        var count = strides.Length;

        var split = layers.Split(layers.Concat(2, perLevel), 1, 4 * RegMax, classes);
        var distances = Dfl(layers, split[0], count);
        var sides = layers.Split(distances, 1, 2, 2);
        var anchorPoints = layers.Constant(anchors, 1, 2, count);
        var topLeft = layers.Op("Sub", [anchorPoints, sides[0]]);
        var bottomRight = layers.Op("Add", [anchorPoints, sides[1]]);
        var centre = layers.Op("Div", [layers.Op("Add", [topLeft, bottomRight]), layers.Constant(new[] { 2f }, 1)]);
        var size = layers.Op("Sub", [bottomRight, topLeft]);
        var box = layers.Op("Mul", [layers.Concat(1, centre, size), layers.Constant(strides, 1, count)]);
        return layers.Concat(1, box, layers.Op("Sigmoid", [split[1]]));
    }

    // [1, 64, A] -> [1, 4, 16, A] -> bins first -> softmax -> sum of bin * probability -> [1, 4, A], in stride units.
    private static string Dfl(YoloLayers layers, string box, int count)
    {
        var bins = layers.Op("Transpose", [layers.Reshape(box, 1, 4, RegMax, count)], ("perm", new long[] { 0, 2, 1, 3 }));
        var probabilities = layers.Op("Softmax", [bins], ("axis", 1L));
        var expectation = layers.Constant(Enumerable.Range(0, RegMax).Select(i => (float)i).ToArray(), 1, RegMax, 1, 1);
        var weighted = layers.Op("Conv", [probabilities, expectation], ("kernel_shape", new long[] { 1, 1 }));
        return layers.Reshape(weighted, 1, 4, count);
    }

    // Ultralytics' make_anchors: cell centres (offset 0.5) in stride units, row-major per level, finest level first.
    private static (float[] Anchors, float[] Strides) Anchors(int width, int height, int[] strides)
    {
        var xs = new List<float>();
        var ys = new List<float>();
        var perAnchor = new List<float>();
        foreach (var stride in strides)
        {
            for (var row = 0; row < height / stride; row++)
            {
                for (var column = 0; column < width / stride; column++)
                {
                    xs.Add(column + 0.5f);
                    ys.Add(row + 0.5f);
                    perAnchor.Add(stride);
                }
            }
        }

        return ([.. xs, .. ys], [.. perAnchor]);
    }
}
