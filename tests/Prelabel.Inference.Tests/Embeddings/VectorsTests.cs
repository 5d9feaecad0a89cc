using Prelabel.Inference.Embeddings;

namespace Prelabel.Inference.Tests.Embeddings;

public class VectorsTests
{
    [Fact]
    public void A_normalised_vector_has_unit_length_and_the_same_direction()
    {
        var unit = Vectors.Normalized([3, 4]);

        Assert.Equal([0.6f, 0.8f], unit, (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public void A_zero_vector_stays_zero()
    {
        Assert.Equal([0f, 0f, 0f], Vectors.Normalized([0, 0, 0]));
    }

    [Fact]
    public void A_vector_with_nan_cannot_be_normalised()
    {
        Assert.Throws<ArgumentException>(() => Vectors.Normalized([1, float.NaN]));
    }

    [Fact]
    public void Cosine_distance_is_zero_for_the_same_direction_one_for_orthogonal_and_two_for_opposite()
    {
        Assert.Equal(0, Vectors.CosineDistance([1, 1], [2, 2]), 1e-9);
        Assert.Equal(1, Vectors.CosineDistance([1, 0], [0, 3]), 1e-9);
        Assert.Equal(2, Vectors.CosineDistance([1, 0], [-1, 0]), 1e-9);
        Assert.Equal(1, Vectors.CosineDistance([0, 0], [1, 0]), 1e-9);
    }

    [Fact]
    public void Squared_distance_and_dot_product_are_exact_for_small_integers()
    {
        Assert.Equal(25, Vectors.SquaredDistance([0, 0], [3, 4]));
        Assert.Equal(11, Vectors.Dot([1, 2], [3, 4]));
    }

    [Fact]
    public void Vectors_of_different_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Vectors.Dot([1, 2], [1, 2, 3]));
    }
}
