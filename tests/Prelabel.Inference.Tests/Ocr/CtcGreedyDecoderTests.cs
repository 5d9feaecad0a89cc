using Prelabel.Inference.Ocr;

namespace Prelabel.Inference.Tests.Ocr;

public sealed class CtcGreedyDecoderTests
{
    // Classes: 0 blank, 1 "a", 2 "b", 3 "c", 4 " ".
    private static readonly OcrCharacterSet Abc = OcrCharacterSet.FromLines(["a", "b", "c"], 5);

    [Theory]
    [InlineData(new[] { 1, 2, 3 }, "abc")]
    [InlineData(new[] { 1, 1, 1, 2, 2 }, "ab")]
    [InlineData(new[] { 1, 0, 1 }, "aa")]
    [InlineData(new[] { 0, 1, 1, 0, 0, 1, 0 }, "aa")]
    [InlineData(new[] { 1, 4, 2 }, "a b")]
    [InlineData(new[] { 0, 3, 4, 4, 0, 4 }, "c  ")]
    [InlineData(new[] { 0, 0, 0 }, "")]
    [InlineData(new int[0], "")]
    public void Best_path_merges_repeats_and_drops_blanks(int[] path, string expected)
    {
        var result = CtcGreedyDecoder.Decode(Probabilities(path, 5, 0.9f), path.Length, 5, Abc);

        Assert.Equal(expected, result.Text);
    }

    [Fact]
    public void Score_is_the_mean_top_probability_of_the_kept_steps()
    {
        // Kept: step 0 (a, 0.9), step 3 (b, 0.5); step 1 repeats "a" and step 2 is blank, so they do not count.
        float[] scores = [.. Row(1, 0.9f), .. Row(1, 0.6f), .. Row(0, 0.99f), .. Row(2, 0.5f)];

        var result = CtcGreedyDecoder.Decode(scores, 4, 5, Abc);

        Assert.Equal("ab", result.Text);
        Assert.Equal(0.7f, result.Score, 1e-5f);
    }

    [Fact]
    public void Nothing_kept_scores_zero()
    {
        Assert.Equal(new RecognizedText("", 0f), CtcGreedyDecoder.Decode(Probabilities([0, 0], 5, 0.9f), 2, 5, Abc));
    }

    [Fact]
    public void Logits_are_detected_and_turned_into_probabilities()
    {
        // Row softmax of [0, ln 3, 0, 0, 0] is 3/7 for "a".
        float[] logits = [0, MathF.Log(3), 0, 0, 0, 0, 0, 0, 5, 0];

        var result = CtcGreedyDecoder.Decode(logits, 2, 5, Abc);

        Assert.Equal("ac", result.Text);
        var expectedC = MathF.Exp(5) / (MathF.Exp(5) + 4);
        Assert.Equal(((3f / 7) + expectedC) / 2, result.Score, 1e-5f);
    }

    [Fact]
    public void Stating_the_input_kind_overrides_detection()
    {
        // These rows happen to sum to 1, so Auto takes them as probabilities.
        var scores = Probabilities([1, 2], 5, 0.6f);

        Assert.Equal(0.6f, CtcGreedyDecoder.Decode(scores, 2, 5, Abc).Score, 1e-5f);
        Assert.Equal(0.6f, CtcGreedyDecoder.Decode(scores, 2, 5, Abc, CtcInput.Probabilities).Score, 1e-5f);
        var softmaxOfRow = MathF.Exp(0.6f) / (MathF.Exp(0.6f) + (4 * MathF.Exp(0.1f)));
        Assert.Equal(softmaxOfRow, CtcGreedyDecoder.Decode(scores, 2, 5, Abc, CtcInput.Logits).Score, 1e-5f);
    }

    [Fact]
    public void Large_logits_do_not_overflow()
    {
        var result = CtcGreedyDecoder.Decode([1000f, 2000f, 0, 0, 0], 1, 5, Abc);

        Assert.Equal(new RecognizedText("a", 1f), result);
    }

    [Fact]
    public void Paddle_space_class_6624_decodes_as_a_space_with_the_real_dictionary()
    {
        var keys = OcrCharacterSet.Load(RepositoryFiles.PaddleKeys, 6625);
        var path = new[] { 0, 1, 1, 6624, 0, 6623, 6623, 0, 6623 };

        var result = CtcGreedyDecoder.Decode(Probabilities(path, 6625, 0.8f), path.Length, 6625, keys);

        Assert.Equal("' 懮懮", result.Text);
        Assert.Equal(0.8f, result.Score, 1e-5f);
    }

    [Fact]
    public void Class_count_that_differs_from_the_character_set_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => CtcGreedyDecoder.Decode(new float[12], 2, 6, Abc));

        Assert.Contains("6", error.Message);
    }

    [Fact]
    public void Score_buffer_of_the_wrong_length_is_refused()
    {
        Assert.Throws<ArgumentException>(() => CtcGreedyDecoder.Decode(new float[9], 2, 5, Abc));
    }

    private static float[] Probabilities(int[] path, int classes, float top) =>
        path.SelectMany(index => Row(index, top, classes)).ToArray();

    // One time step: `top` on the chosen class, the rest shared evenly so the row sums to 1.
    private static float[] Row(int index, float top, int classes = 5)
    {
        var row = Enumerable.Repeat((1 - top) / (classes - 1), classes).ToArray();
        row[index] = top;
        return row;
    }
}
