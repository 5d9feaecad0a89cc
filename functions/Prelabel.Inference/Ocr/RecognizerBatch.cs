using Prelabel.Onnx;

namespace Prelabel.Inference.Ocr;

/// <summary>One recogniser run: crops of similar aspect ratio stacked as [N, 3, 48, W], each right-padded with zeros to W.</summary>
/// <param name="Input">The tensor handed to ONNX Runtime as is, in a pooled buffer that disposing returns.</param>
/// <param name="Lines">For each batch row, the index of its quad in the list the batch was built from.</param>
public sealed record RecognizerBatch(PooledTensor<float> Input, IReadOnlyList<int> Lines) : IDisposable
{
    public void Dispose() => Input.Dispose();
}
