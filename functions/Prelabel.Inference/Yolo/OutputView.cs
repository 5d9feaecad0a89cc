using Prelabel.Onnx;

namespace Prelabel.Inference.Yolo;

/// <summary>
/// A [1, channels, anchors] head output (Ultralytics v8 and later) or its transpose [1, anchors, channels]
/// (YOLOv5 and some converters), read as value(anchor, channel) either way.
/// </summary>
internal readonly ref struct OutputView
{
    private readonly ReadOnlySpan<float> _data;
    private readonly int _anchorStride;
    private readonly int _channelStride;

    private OutputView(ReadOnlySpan<float> data, int anchors, int channels, bool channelMajor)
    {
        _data = data;
        Anchors = anchors;
        Channels = channels;
        (_anchorStride, _channelStride) = channelMajor ? (1, anchors) : (channels, 1);
    }

    public int Anchors { get; }

    public int Channels { get; }

    public float this[int anchor, int channel] => _data[anchor * _anchorStride + channel * _channelStride];

    /// <summary>The output read as <paramref name="channels"/> values per anchor, whichever axis holds them.</summary>
    /// <param name="layout">What the channels are, for the error message.</param>
    public static OutputView Of(FloatOutput output, int channels, string layout)
    {
        var shape = output.Shape;
        if (shape.Length == 3 && shape[0] == 1 && (shape[1] == channels || shape[2] == channels))
        {
            var channelMajor = shape[1] == channels;
            return new OutputView(output.Values, (int)(channelMajor ? shape[2] : shape[1]), channels, channelMajor);
        }

        throw new InvalidDataException(
            $"The model's output [{string.Join(", ", shape)}] does not fit its metadata: expected [1, {channels}, anchors] ({layout}).");
    }

    /// <summary>Each anchor whose best class beats <paramref name="confidence"/>, as an input-pixel box (channels 0-3 are cx, cy, w, h).</summary>
    /// <param name="objectness">Channel of a YOLOv5 objectness score that gates and multiplies the class scores; -1 for none.</param>
    public List<(int Anchor, YoloDetection Box)> Candidates(int classOffset, int classCount, float confidence, int objectness = -1)
    {
        var found = new List<(int, YoloDetection)>();
        for (var anchor = 0; anchor < Anchors; anchor++)
        {
            var gate = objectness < 0 ? 1f : this[anchor, objectness];
            if (gate <= confidence)
            {
                continue;
            }

            var (best, score) = (0, float.NegativeInfinity);
            for (var c = 0; c < classCount; c++)
            {
                var value = this[anchor, classOffset + c];
                if (value > score)
                {
                    (best, score) = (c, value);
                }
            }

            score *= gate;
            if (score > confidence)
            {
                var (cx, cy, w, h) = (this[anchor, 0], this[anchor, 1], this[anchor, 2], this[anchor, 3]);
                found.Add((anchor, new YoloDetection(best, score, cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)));
            }
        }

        return found;
    }
}
