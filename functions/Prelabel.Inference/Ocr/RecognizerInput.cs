using System.Buffers;
using Prelabel.Imaging;
using Prelabel.Onnx;

namespace Prelabel.Inference.Ocr;

/// <summary>PaddleOCR's predict_rec batching: crops sorted by aspect ratio, cut into batches, each padded to its widest crop.</summary>
internal static class RecognizerInput
{
    // PaddleOCR feeds the recogniser cv2's BGR pixels; (x / 255 - 0.5) / 0.5 is the same for every channel.
    private static readonly float[] Table = Enumerable.Range(0, 256).Select(p => Normalization.SignedUnitRange.Apply((byte)p, 0)).ToArray();

    public static IReadOnlyList<RecognizerBatch> Build(RgbImage image, IReadOnlyList<Quad> quads, int height, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var sizes = quads.Select(q => QuadCrop.OutputSize(q, height)).ToArray();
        var order = Enumerable.Range(0, quads.Count).OrderBy(i => sizes[i].Width).ToArray();
        var batches = new List<RecognizerBatch>((quads.Count + batchSize - 1) / batchSize);
        var crop = ArrayPool<byte>.Shared.Rent(3 * height * Math.Max(1, sizes.Select(s => s.Width).DefaultIfEmpty(1).Max()));
        try
        {
            for (var start = 0; start < order.Length; start += batchSize)
            {
                var lines = order[start..Math.Min(order.Length, start + batchSize)];
                var width = lines.Max(i => sizes[i].Width);
                var input = new PooledTensor<float>(lines.Length, 3, height, width);
                batches.Add(new RecognizerBatch(input, lines));
                // A rented buffer holds whatever it held before; the padding must be zeros.
                var data = input.Span;
                data.Clear();
                for (var n = 0; n < lines.Length; n++)
                {
                    var (cropWidth, _) = QuadCrop.SampleInto(image.Pixels, image.Width, image.Height, quads[lines[n]], crop, height);
                    WriteBgrPadded(crop, cropWidth, height, data.Slice(n * 3 * height * width, 3 * height * width), width);
                }

            }
        }
        catch
        {
            foreach (var batch in batches) batch.Dispose();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(crop);
        }

        return batches;
    }

    // Planes B, G, R of rows tensorWidth long; the part right of the crop stays 0, PaddleOCR's padding value.
    private static void WriteBgrPadded(ReadOnlySpan<byte> rgb, int cropWidth, int height, Span<float> destination, int tensorWidth)
    {
        var plane = height * tensorWidth;
        for (var y = 0; y < height; y++)
        {
            var row = rgb.Slice(y * cropWidth * 3, cropWidth * 3);
            var b = destination.Slice(y * tensorWidth, cropWidth);
            var g = destination.Slice(plane + (y * tensorWidth), cropWidth);
            var r = destination.Slice((2 * plane) + (y * tensorWidth), cropWidth);
            for (var x = 0; x < cropWidth; x++)
            {
                r[x] = Table[row[3 * x]];
                g[x] = Table[row[(3 * x) + 1]];
                b[x] = Table[row[(3 * x) + 2]];
            }
        }
    }
}
