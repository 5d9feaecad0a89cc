namespace Prelabel.Onnx;

/// <summary>Thread pool sizes for one session; 0 lets ONNX Runtime choose.</summary>
public sealed record SessionThreading
{
    public SessionThreading(int intraOpThreads = 0, int interOpThreads = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(intraOpThreads);
        ArgumentOutOfRangeException.ThrowIfNegative(interOpThreads);
        IntraOpThreads = intraOpThreads;
        InterOpThreads = interOpThreads;
    }

    public static SessionThreading Default { get; } = new();

    /// <summary>Threads used inside one operator (e.g. a convolution).</summary>
    public int IntraOpThreads { get; }

    /// <summary>Threads used to run independent operators in parallel.</summary>
    public int InterOpThreads { get; }
}
