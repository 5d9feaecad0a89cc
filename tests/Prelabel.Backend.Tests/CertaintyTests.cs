namespace Prelabel.Backend.Tests;

public class CertaintyTests
{
    [Theory]
    [InlineData(0.9, PredictionScore.Confidence, 0.9)]
    [InlineData(0.9, PredictionScore.Margin, 0.8)]
    [InlineData(0.5, PredictionScore.Margin, 0.0)]
    [InlineData(0.1, PredictionScore.Margin, 0.8)]
    [InlineData(0.5, PredictionScore.Entropy, 0.0)]
    [InlineData(1.0, PredictionScore.Entropy, 1.0)]
    [InlineData(0.0, PredictionScore.Entropy, 1.0)]
    public void A_yes_no_probability_becomes_a_certainty(double probability, PredictionScore mode, double expected) =>
        Assert.Equal(expected, Certainty.Of(probability, mode), 9);

    [Theory]
    [InlineData(new[] { 0.1, 0.7, 0.2 }, PredictionScore.Confidence, 0.7)]
    [InlineData(new[] { 0.1, 0.7, 0.2 }, PredictionScore.Margin, 0.5)]
    [InlineData(new[] { 0.5, 0.5 }, PredictionScore.Margin, 0.0)]
    [InlineData(new[] { 1.0 / 3, 1.0 / 3, 1.0 / 3 }, PredictionScore.Entropy, 0.0)]
    [InlineData(new[] { 1.0, 0.0, 0.0 }, PredictionScore.Entropy, 1.0)]
    public void A_class_distribution_becomes_a_certainty(double[] probabilities, PredictionScore mode, double expected) =>
        Assert.Equal(expected, Certainty.Of(probabilities, mode), 9);

    [Fact]
    public void Less_certain_distributions_score_lower_in_every_mode()
    {
        foreach (var mode in Enum.GetValues<PredictionScore>())
            Assert.True(Certainty.Of([0.4, 0.35, 0.25], mode) < Certainty.Of([0.8, 0.15, 0.05], mode), mode.ToString());
    }
}
