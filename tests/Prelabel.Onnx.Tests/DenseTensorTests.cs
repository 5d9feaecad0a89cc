namespace Prelabel.Onnx.Tests;

public class DenseTensorTests
{
    [Fact]
    public void Shape_and_element_count_follow_the_given_dimensions()
    {
        var tensor = new DenseTensor<float>(new float[24], 2, 3, 4);

        Assert.Equal([2L, 3, 4], tensor.Shape);
        Assert.Equal(24, tensor.ElementCount);
        Assert.Equal(TensorElementType.Float, tensor.ElementType);
    }

    [Fact]
    public void A_scalar_has_an_empty_shape_and_one_element()
    {
        var tensor = new DenseTensor<long>(new long[] { 7 });

        Assert.Empty(tensor.Shape);
        Assert.Equal(1, tensor.ElementCount);
    }

    [Fact]
    public void Data_that_does_not_match_the_shape_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new DenseTensor<float>(new float[5], 2, 3));

        Assert.Contains("6 elements", error.Message);
    }

    [Fact]
    public void Negative_dimensions_are_rejected() =>
        Assert.Throws<ArgumentException>(() => new DenseTensor<float>(Array.Empty<float>(), 0, -1));

    [Fact]
    public void The_shape_is_copied_so_later_changes_to_the_callers_array_do_not_affect_it()
    {
        long[] shape = [1, 2];
        var tensor = new DenseTensor<int>(new int[2], shape);

        shape[1] = 5;

        Assert.Equal([1L, 2], tensor.Shape);
    }

    [Fact]
    public void A_slice_of_a_larger_buffer_can_be_used_as_data()
    {
        var buffer = new float[100];
        var tensor = new DenseTensor<float>(buffer.AsMemory(10, 6), 2, 3);

        tensor.Span[0] = 1f;

        Assert.Equal(1f, buffer[10]);
    }

    [Theory]
    [InlineData(typeof(float), TensorElementType.Float)]
    [InlineData(typeof(double), TensorElementType.Double)]
    [InlineData(typeof(Half), TensorElementType.Float16)]
    [InlineData(typeof(byte), TensorElementType.UInt8)]
    [InlineData(typeof(sbyte), TensorElementType.Int8)]
    [InlineData(typeof(int), TensorElementType.Int32)]
    [InlineData(typeof(long), TensorElementType.Int64)]
    [InlineData(typeof(bool), TensorElementType.Bool)]
    public void Element_type_follows_the_clr_type(Type clrType, TensorElementType expected)
    {
        var tensorType = typeof(DenseTensor<>).MakeGenericType(clrType);
        var data = Activator.CreateInstance(typeof(Memory<>).MakeGenericType(clrType), Array.CreateInstance(clrType, 1));
        var tensor = (Tensor)Activator.CreateInstance(tensorType, data, new long[] { 1 })!;

        Assert.Equal(expected, tensor.ElementType);
    }

    [Fact]
    public void A_type_that_is_not_an_onnx_element_type_is_rejected() =>
        Assert.Throws<NotSupportedException>(() => new DenseTensor<DateTime>(new DateTime[1], 1));

    [Fact]
    public void As_returns_the_typed_tensor_and_rejects_another_element_type()
    {
        Tensor tensor = new DenseTensor<float>(new float[] { 1, 2 }, 2);

        Assert.Same(tensor, tensor.As<float>());
        var error = Assert.Throws<InvalidCastException>(() => tensor.As<long>());
        Assert.Contains("Float", error.Message);
    }
}
