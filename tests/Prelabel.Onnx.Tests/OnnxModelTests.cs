using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime.Tensors;
using Prelabel.Testing;

namespace Prelabel.Onnx.Tests;

public sealed class OnnxModelTests(OnnxModelFolder folder) : IClassFixture<OnnxModelFolder>
{
    private static readonly SessionSettings OneThread = new() { IntraOpThreads = 1 };

    [Fact]
    public void A_model_runs_on_a_pooled_tensor_and_its_metadata_props_are_read()
    {
        using var model = OnnxModel.Open(folder.Affine(), OneThread);
        using var x = new PooledTensor<float>(2, 3);
        float[] values = [0, 1, 2, 3, 4, 5];
        values.CopyTo(x.Span);

        using var outputs = model.Run("x", x.Value);
        var y = FloatOutput.Of(outputs[0], "y");

        Assert.Equal([2L, 3], y.Shape);
        Assert.Equal(values.Select(v => 2 * v + 1), y.Values.ToArray());
        Assert.Equal("detect", model.CustomMetadata["task"]);
        Assert.Equal("{0: 'a'}", model.CustomMetadata["names"]);
    }

    [Fact]
    public void The_tensor_is_read_in_place_not_copied()
    {
        using var model = OnnxModel.Open(folder.Affine(), OneThread);
        using var x = new PooledTensor<float>(1, 3);
        x.Span.Fill(1);
        var value = x.Value;

        // Written after the OrtValue was made: a copy would not see it.
        x.Span.Fill(10);
        using var outputs = model.Run("x", value);

        Assert.Equal([21f, 21f, 21f], FloatOutput.Of(outputs[0], "y").Values.ToArray());
    }

    [Fact]
    public void A_file_that_is_not_onnx_fails_naming_the_file()
    {
        var path = folder.File("notes.onnx");
        File.WriteAllText(path, "this is not an ONNX model, just some text");

        var error = Assert.Throws<OnnxModelException>(() => OnnxModel.Open(path, OneThread));

        Assert.Equal(path, error.Path);
        Assert.StartsWith("The model notes.onnx cannot be used: ONNX Runtime cannot load it (", error.Message);
        Assert.Contains("protobuf parsing failed", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(folder.Path, error.Message);
    }

    [Fact]
    public void A_truncated_real_model_fails_naming_the_file()
    {
        var bytes = File.ReadAllBytes(RepositoryRoot.Combine("node_modules", "@gutenye", "ocr-models", "assets", "ch_PP-OCRv4_det_infer.onnx"));
        var path = folder.File("det-half.onnx");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<OnnxModelException>(() => OnnxModel.Open(path, OneThread));

        Assert.Contains("det-half.onnx cannot be used: ONNX Runtime cannot load it", error.Message);
    }

    [Fact]
    public void A_missing_file_fails_naming_it_but_not_its_folder()
    {
        var path = Path.Combine(folder.Path, "gone.onnx");

        var error = Assert.Throws<OnnxModelException>(() => OnnxModel.Open(path, OneThread));

        Assert.Equal("The model gone.onnx cannot be used: the file does not exist.", error.Message);
        Assert.Equal(path, error.Path);
    }

    [Theory]
    [InlineData(TensorElementType.Int64, new long[] { 1, 3, 8, 8 }, "int64 [1, 3, 8, 8]")]
    [InlineData(TensorElementType.Float, new long[] { 1, 3 }, "float32 [1, 3]")]
    [InlineData(TensorElementType.Float, new long[] { 1, 1, 8, 8 }, "float32 [1, 1, 8, 8]")]
    public void An_input_an_image_model_cannot_feed_is_named_with_what_it_needs(TensorElementType type, long[] shape, string described)
    {
        var path = new OnnxModelBuilder()
            .Input("tokens", type, [.. shape.Select(d => (OnnxDim)d)])
            .Node("Identity", ["tokens"], ["y"])
            .Output("y", type, [.. shape.Select(d => (OnnxDim)d)])
            .Save(folder.File("text.onnx"));
        using var model = OnnxModel.Open(path, OneThread);

        var error = Assert.Throws<OnnxModelException>(() => model.ImageInput());

        Assert.Equal($"The model text.onnx cannot be used: its input \"tokens\" is {described}; an image model takes a float32 or float16 tensor [N, 3, H, W].", error.Message);
    }

    [Fact]
    public void A_dynamic_image_input_is_accepted_and_described_by_its_symbols()
    {
        var path = new OnnxModelBuilder()
            .Input("images", TensorElementType.Float, "batch", 3, "height", "width")
            .Node("Identity", ["images"], ["y"])
            .Output("y", TensorElementType.Float, "batch", 3, "height", "width")
            .Save(folder.File("dynamic.onnx"));
        using var model = OnnxModel.Open(path, OneThread);

        var (name, input) = model.ImageInput();

        Assert.Equal("images", name);
        Assert.Equal("float32 [batch, 3, height, width]", OnnxModel.Describe(input));
    }

    [Fact]
    public void A_run_on_the_wrong_shape_fails_naming_the_file_and_runtime_reason()
    {
        using var model = OnnxModel.Open(folder.Affine(), OneThread);
        using var x = new PooledTensor<float>(1, 4);
        x.Span.Clear();

        var error = Assert.Throws<OnnxModelException>(() => model.Run("x", x.Value));

        Assert.StartsWith("The model affine.onnx cannot be used: running it failed (", error.Message);
        Assert.Contains("dimensions", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_cancelled_run_does_not_start()
    {
        using var model = OnnxModel.Open(folder.Affine(), OneThread);
        using var x = new PooledTensor<float>(1, 3);

        Assert.Throws<OperationCanceledException>(() => model.Run("x", x.Value, new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Float16_outputs_are_widened_and_other_types_refused_by_name()
    {
        using var half = OnnxModel.Open(folder.Cast(TensorElementType.Float16), OneThread);
        using var integers = OnnxModel.Open(folder.Cast(TensorElementType.Int64), OneThread);
        using var x = new PooledTensor<float>(1, 3);
        float[] values = [0.5f, -2f, 1024f];
        values.CopyTo(x.Span);

        using (var outputs = half.Run("x", x.Value))
            Assert.Equal(values, FloatOutput.Of(outputs[0], "y").Values.ToArray());
        using (var outputs = integers.Run("x", x.Value))
        {
            var error = Assert.Throws<InvalidDataException>(() => FloatOutput.Of(outputs[0], "y"));
            Assert.Equal("Output \"y\" holds int64 values; float32 or float16 are read.", error.Message);
        }
    }

    [Fact]
    public void A_float32_tensor_narrows_to_float16_for_half_precision_inputs()
    {
        using var floats = new PooledTensor<float>(1, 3);
        float[] values = [0.25f, -1f, 3f];
        values.CopyTo(floats.Span);

        using var halves = floats.ToFloat16();

        Assert.Equal([1L, 3], halves.Shape);
        Assert.Equal(values, halves.Span.ToArray().Select(h => h.ToFloat()));
        Assert.Equal(TensorElementType.Float16, halves.Value.GetTensorTypeAndShape().ElementDataType);
    }

    [Fact]
    public void A_disposed_tensor_refuses_use()
    {
        var tensor = new PooledTensor<float>(2, 2);
        tensor.Dispose();
        tensor.Dispose();

        Assert.Throws<ObjectDisposedException>(() => tensor.Span.Length);
        Assert.Throws<ObjectDisposedException>(() => tensor.Value);
    }

    [Fact]
    public void Runs_from_eight_threads_on_one_model_each_get_their_own_results()
    {
        const int Threads = 8;
        const int RunsPerThread = 50;
        using var model = OnnxModel.Open(folder.Affine(), OneThread);
        using var start = new Barrier(Threads);
        var failures = new ConcurrentBag<string>();

        var threads = Enumerable.Range(0, Threads).Select(thread => new Thread(() =>
        {
            start.SignalAndWait();
            for (var run = 0; run < RunsPerThread; run++)
            {
                var batch = 1 + ((thread + run) % 4);
                using var x = new PooledTensor<float>(batch, 3);
                for (var i = 0; i < x.Length; i++) x.Span[i] = thread * 1000 + run * 10 + i;
                var expected = x.Span.ToArray().Select(v => 2 * v + 1).ToArray();
                using var outputs = model.Run("x", x.Value);
                var y = FloatOutput.Of(outputs[0], "y");
                if (!y.Shape.SequenceEqual([batch, 3L]) || !y.Values.SequenceEqual(expected)) failures.Add($"thread {thread} run {run}");
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());

        Assert.Empty(failures);
    }

    [Fact]
    public void Intra_op_threads_default_to_the_instances_cores()
    {
        Assert.Equal(Environment.ProcessorCount, SessionSettings.Default.EffectiveIntraOpThreads);
        Assert.Equal(3, new SessionSettings { IntraOpThreads = 3 }.EffectiveIntraOpThreads);
    }
}
