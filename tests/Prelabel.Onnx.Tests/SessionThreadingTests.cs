namespace Prelabel.Onnx.Tests;

public class SessionThreadingTests
{
    [Fact]
    public void Default_leaves_both_thread_counts_to_onnx_runtime()
    {
        Assert.Equal(0, SessionThreading.Default.IntraOpThreads);
        Assert.Equal(0, SessionThreading.Default.InterOpThreads);
    }

    [Fact]
    public void Negative_thread_counts_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SessionThreading(intraOpThreads: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SessionThreading(interOpThreads: -1));
    }

    [Fact]
    public void Equal_settings_are_equal_records() =>
        Assert.Equal(new SessionThreading(2, 1), new SessionThreading(2, 1));
}
