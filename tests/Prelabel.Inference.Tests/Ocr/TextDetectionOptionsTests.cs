using Prelabel.Inference.Ocr;

namespace Prelabel.Inference.Tests.Ocr;

public sealed class TextDetectionOptionsTests
{
    [Fact]
    public void Defaults_are_paddleocr_db_settings()
    {
        var options = new TextDetectionOptions();

        Assert.Equal((0.3f, 0.6f, 1.5f, 3f, 1000), (options.BinaryThreshold, options.BoxThreshold, options.UnclipRatio, options.MinSize, options.MaxCandidates));
        Assert.Equal(0.5f, options.SameRowTolerance);
    }

    public static TheoryData<TextDetectionOptions> InvalidOptions() =>
    [
        new() { BinaryThreshold = 1f },
        new() { BinaryThreshold = -0.1f },
        new() { BoxThreshold = float.NaN },
        new() { UnclipRatio = -1f },
        new() { MinSize = float.PositiveInfinity },
        new() { MaxCandidates = 0 },
        new() { SameRowTolerance = -1f },
    ];

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Out_of_range_options_are_refused(TextDetectionOptions options)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TextDetectionPostProcessor(options));
    }

}
