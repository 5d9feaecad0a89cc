namespace Prelabel.Imaging.Tests;

public sealed class NormalizationTests
{
    [Fact]
    public void Apply_is_pixel_times_scale_minus_mean_over_std()
    {
        var n = new Normalization(1f / 255f, [0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);

        Assert.Equal((200 * (1f / 255f) - 0.456f) / 0.224f, n.Apply(200, 1));
        Assert.Equal(-0.485f / 0.229f, n.Apply(0, 0));
    }

    [Fact]
    public void Presets_have_the_documented_ranges()
    {
        Assert.Equal(0f, Normalization.UnitRange.Apply(0, 0));
        Assert.Equal(1f, Normalization.UnitRange.Apply(255, 2));
        Assert.Equal(-1f, Normalization.SignedUnitRange.Apply(0, 0));
        Assert.Equal(1f, Normalization.SignedUnitRange.Apply(255, 1), 6);
        Assert.Equal([0.485f, 0.456f, 0.406f], Normalization.ImageNet.Mean);
        Assert.False(Normalization.ImageNet.Bgr);
    }

    [Fact]
    public void WithBgr_keeps_the_values_and_flips_the_order()
    {
        Normalization bgr = Normalization.ImageNet.WithBgr();

        Assert.True(bgr.Bgr);
        Assert.Equal(Normalization.ImageNet.Mean, bgr.Mean);
        Assert.Equal(Normalization.ImageNet.Std, bgr.Std);
    }

    [Fact]
    public void Constructor_rejects_wrong_lengths_and_zero_std()
    {
        Assert.Throws<ArgumentException>(() => new Normalization(1, [0f, 0f], [1f, 1f, 1f]));
        Assert.Throws<ArgumentException>(() => new Normalization(1, [0f, 0f, 0f], [1f, 0f, 1f]));
        Assert.Throws<ArgumentException>(() => new Normalization(1, [0f, 0f, 0f], [1f, float.NaN, 1f]));
    }
}
