using Prelabel.Onnx.Tests.Models;
using Prelabel.Testing;

namespace Prelabel.Onnx.Tests;

public class InferenceSessionTests(RuntimeFixture fixture) : IClassFixture<RuntimeFixture>
{
    private readonly OnnxRuntime _runtime = fixture.Runtime;

    [Fact]
    public void Run_adds_two_tensors()
    {
        using var session = _runtime.CreateSession(TestModels.Add());

        var outputs = session.Run(new Dictionary<string, Tensor>
        {
            ["a"] = new DenseTensor<float>(new float[] { 1, 2, 3 }, 1, 3),
            ["b"] = new DenseTensor<float>(new float[] { 10, 20, 30 }, 1, 3),
        });

        var y = Assert.Single(outputs).Value.As<float>();
        Assert.Equal([1L, 3], y.Shape);
        Assert.Equal([11f, 22f, 33f], y.Span.ToArray());
    }

    [Fact]
    public void Run_accepts_any_size_for_a_dynamic_batch_dimension()
    {
        using var session = _runtime.CreateSession(TestModels.Add());

        foreach (var batch in new[] { 1, 4, 2 })
        {
            var a = Enumerable.Range(0, batch * 3).Select(i => (float)i).ToArray();
            var y = session.Run(new Dictionary<string, Tensor>
            {
                ["a"] = new DenseTensor<float>(a, batch, 3),
                ["b"] = new DenseTensor<float>(a, batch, 3),
            })["y"].As<float>();

            Assert.Equal([batch, 3L], y.Shape);
            Assert.Equal(a.Select(v => v * 2), y.Span.ToArray());
        }
    }

    [Fact]
    public void Inputs_and_outputs_report_names_element_types_and_dynamic_dimensions_as_minus_one()
    {
        var model = new OnnxModelBuilder()
            .Input("images", TensorElementType.Float, "batch", 3, "height", "width")
            .Input("ids", TensorElementType.Int64, 5)
            .Node("Sigmoid", ["images"], ["probabilities"])
            .Node("Identity", ["ids"], ["same_ids"])
            .Output("probabilities", TensorElementType.Float, "batch", 3, "height", "width")
            .Output("same_ids", TensorElementType.Int64, 5)
            .Build();
        using var session = _runtime.CreateSession(model);

        Assert.Equal(2, session.Inputs.Count);
        Assert.Equal("images", session.Inputs[0].Name);
        Assert.Equal(TensorElementType.Float, session.Inputs[0].ElementType);
        Assert.Equal([-1L, 3, -1, -1], session.Inputs[0].Shape);
        Assert.Equal("ids", session.Inputs[1].Name);
        Assert.Equal(TensorElementType.Int64, session.Inputs[1].ElementType);
        Assert.Equal([5L], session.Inputs[1].Shape);
        Assert.Equal(["probabilities", "same_ids"], session.Outputs.Select(output => output.Name));
        Assert.Equal([TensorElementType.Float, TensorElementType.Int64], session.Outputs.Select(output => output.ElementType));
        Assert.Equal([-1L, 3, -1, -1], session.Outputs[0].Shape);
    }

    [Fact]
    public void ModelMetadata_returns_the_models_metadata_props()
    {
        var model = new OnnxModelBuilder()
            .Input("x", TensorElementType.Float, 1)
            .Node("Identity", ["x"], ["y"])
            .Output("y", TensorElementType.Float, 1)
            .Metadata("names", "{0: 'person', 1: 'bicycle'}")
            .Metadata("imgsz", "[640, 640]")
            .Metadata("task", "detect")
            .Metadata("stride", "32")
            .Metadata("beschreibung", "Größe")
            .Build();
        using var session = _runtime.CreateSession(model);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["names"] = "{0: 'person', 1: 'bicycle'}",
                ["imgsz"] = "[640, 640]",
                ["task"] = "detect",
                ["stride"] = "32",
                ["beschreibung"] = "Größe",
            },
            session.ModelMetadata.OrderBy(entry => entry.Key).ToDictionary());
    }

    [Fact]
    public void ModelMetadata_is_empty_for_a_model_without_metadata_props()
    {
        using var session = _runtime.CreateSession(TestModels.Add());

        Assert.Empty(session.ModelMetadata);
    }

    [Fact]
    public void Run_multiplies_by_an_initializer_with_MatMul()
    {
        var model = new OnnxModelBuilder()
            .Input("x", TensorElementType.Float, "N", 2)
            .Initializer("w", new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3)
            .Node("MatMul", ["x", "w"], ["y"])
            .Output("y", TensorElementType.Float, "N", 3)
            .Build();
        using var session = _runtime.CreateSession(model);

        var y = session.Run(new Dictionary<string, Tensor> { ["x"] = new DenseTensor<float>(new float[] { 1, 1, 0, 2 }, 2, 2) })["y"].As<float>();

        Assert.Equal([2L, 3], y.Shape);
        Assert.Equal([5f, 7f, 9f, 8f, 10f, 12f], y.Span.ToArray());
    }

    [Fact]
    public void Run_applies_an_operator_attribute()
    {
        var model = new OnnxModelBuilder()
            .Input("x", TensorElementType.Float, 2, 3)
            .Node("Transpose", ["x"], ["y"], ("perm", new long[] { 1, 0 }))
            .Output("y", TensorElementType.Float, 3, 2)
            .Build();
        using var session = _runtime.CreateSession(model);

        var y = session.Run(new Dictionary<string, Tensor> { ["x"] = new DenseTensor<float>(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3) })["y"].As<float>();

        Assert.Equal([3L, 2], y.Shape);
        Assert.Equal([1f, 4f, 2f, 5f, 3f, 6f], y.Span.ToArray());
    }

    [Fact]
    public void Run_gathers_columns_given_by_an_int64_initializer()
    {
        var model = new OnnxModelBuilder()
            .Input("x", TensorElementType.Float, "N", 4)
            .Initializer("columns", new long[] { 3, 0 }, 2)
            .Node("Gather", ["x", "columns"], ["y"], ("axis", 1L))
            .Output("y", TensorElementType.Float, "N", 2)
            .Build();
        using var session = _runtime.CreateSession(model);

        var y = session.Run(new Dictionary<string, Tensor> { ["x"] = new DenseTensor<float>(new float[] { 1, 2, 3, 4, 5, 6, 7, 8 }, 2, 4) })["y"].As<float>();

        Assert.Equal([2L, 2], y.Shape);
        Assert.Equal([4f, 1f, 8f, 5f], y.Span.ToArray());
    }

    [Fact]
    public void Run_returns_only_the_requested_outputs()
    {
        using var session = _runtime.CreateSession(SigmoidAndIdentity());
        var x = new DenseTensor<float>(new float[] { 0, 100, -100 }, 3);

        var outputs = session.Run(new Dictionary<string, Tensor> { ["x"] = x }, ["sigmoid"]);

        var sigmoid = Assert.Single(outputs);
        Assert.Equal("sigmoid", sigmoid.Key);
        Assert.Equal([0.5f, 1f, 0f], sigmoid.Value.As<float>().Span.ToArray());
    }

    [Fact]
    public void Run_returns_all_outputs_by_default()
    {
        using var session = _runtime.CreateSession(SigmoidAndIdentity());

        var outputs = session.Run(new Dictionary<string, Tensor> { ["x"] = new DenseTensor<float>(new float[] { 0, 1, 2 }, 3) });

        Assert.Equal(["copy", "sigmoid"], outputs.Keys.Order());
        Assert.Equal([0f, 1f, 2f], outputs["copy"].As<float>().Span.ToArray());
    }

    [Fact]
    public void Run_passes_int64_tensors_through()
    {
        var model = new OnnxModelBuilder()
            .Input("ids", TensorElementType.Int64, "N")
            .Node("Identity", ["ids"], ["out"])
            .Output("out", TensorElementType.Int64, "N")
            .Build();
        using var session = _runtime.CreateSession(model);
        long[] ids = [long.MinValue, -1, 0, 6624, long.MaxValue];

        var output = session.Run(new Dictionary<string, Tensor> { ["ids"] = new DenseTensor<long>(ids, 5) })["out"];

        Assert.Equal(TensorElementType.Int64, output.ElementType);
        Assert.Equal(ids, output.As<long>().Span.ToArray());
    }

    [Fact]
    public void Run_reads_input_from_a_slice_of_a_larger_buffer()
    {
        using var session = _runtime.CreateSession(TestModels.Add());
        var buffer = new float[] { 99, 1, 2, 3, 99 };
        var slice = new DenseTensor<float>(buffer.AsMemory(1, 3), 1, 3);

        var y = session.Run(new Dictionary<string, Tensor> { ["a"] = slice, ["b"] = slice })["y"].As<float>();

        Assert.Equal([2f, 4f, 6f], y.Span.ToArray());
    }

    [Fact]
    public void Run_with_an_unknown_input_name_throws_with_the_runtimes_message()
    {
        using var session = _runtime.CreateSession(TestModels.Add());

        var error = Assert.Throws<OnnxRuntimeException>(() => session.Run(new Dictionary<string, Tensor>
        {
            ["a"] = new DenseTensor<float>(new float[3], 1, 3),
            ["nope"] = new DenseTensor<float>(new float[3], 1, 3),
        }));

        Assert.Equal(OrtErrorCode.InvalidArgument, error.ErrorCode);
        Assert.Contains("nope", error.Message);
        Assert.Contains(error.NativeMessage, error.Message);
    }

    [Fact]
    public void Run_with_the_wrong_element_type_throws_with_the_runtimes_message()
    {
        using var session = _runtime.CreateSession(TestModels.Add());

        var error = Assert.Throws<OnnxRuntimeException>(() => session.Run(new Dictionary<string, Tensor>
        {
            ["a"] = new DenseTensor<long>(new long[3], 1, 3),
            ["b"] = new DenseTensor<float>(new float[3], 1, 3),
        }));

        Assert.Equal(OrtErrorCode.InvalidArgument, error.ErrorCode);
        Assert.Contains("Unexpected input data type", error.Message);
    }

    [Fact]
    public void Run_with_the_wrong_rank_throws_with_the_runtimes_message()
    {
        using var session = _runtime.CreateSession(TestModels.Add());

        var error = Assert.Throws<OnnxRuntimeException>(() => session.Run(new Dictionary<string, Tensor>
        {
            ["a"] = new DenseTensor<float>(new float[3], 3),
            ["b"] = new DenseTensor<float>(new float[3], 1, 3),
        }));

        Assert.Equal(OrtErrorCode.InvalidArgument, error.ErrorCode);
        Assert.Contains("Invalid rank", error.Message);
    }

    [Fact]
    public void Run_with_an_unknown_output_name_throws_with_the_runtimes_message()
    {
        using var session = _runtime.CreateSession(SigmoidAndIdentity());

        var error = Assert.Throws<OnnxRuntimeException>(() =>
            session.Run(new Dictionary<string, Tensor> { ["x"] = new DenseTensor<float>(new float[3], 3) }, ["missing"]));

        Assert.Contains("missing", error.NativeMessage);
    }

    [Fact]
    public void Run_from_eight_threads_on_one_session_gives_each_thread_its_own_results()
    {
        const int Threads = 8;
        const int RunsPerThread = 50;
        using var session = _runtime.CreateSession(TestModels.Add());
        using var start = new Barrier(Threads);
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();

        var threads = Enumerable.Range(0, Threads).Select(thread => new Thread(() =>
        {
            start.SignalAndWait();
            for (var run = 0; run < RunsPerThread; run++)
            {
                var batch = 1 + ((thread + run) % 4);
                var a = Enumerable.Range(0, batch * 3).Select(i => (float)(thread * 1000 + run * 10 + i)).ToArray();
                var b = Enumerable.Repeat((float)thread, batch * 3).ToArray();
                var y = session.Run(new Dictionary<string, Tensor>
                {
                    ["a"] = new DenseTensor<float>(a, batch, 3),
                    ["b"] = new DenseTensor<float>(b, batch, 3),
                })["y"].As<float>();

                var expected = a.Select(value => value + thread).ToArray();
                if (!y.Shape.SequenceEqual([batch, 3L]) || !y.Span.SequenceEqual(expected))
                {
                    failures.Add($"thread {thread} run {run}");
                }
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());

        Assert.Empty(failures);
    }

    [Fact]
    public void Dispose_twice_is_harmless()
    {
        var session = _runtime.CreateSession(TestModels.Add());

        session.Dispose();
        session.Dispose();
    }

    [Fact]
    public void Run_after_dispose_throws_ObjectDisposedException()
    {
        var session = _runtime.CreateSession(TestModels.Add());
        session.Dispose();

        Assert.Throws<ObjectDisposedException>(() => session.Run(new Dictionary<string, Tensor>
        {
            ["a"] = new DenseTensor<float>(new float[3], 1, 3),
            ["b"] = new DenseTensor<float>(new float[3], 1, 3),
        }));
    }

    [Fact]
    public void The_PaddleOCR_detector_returns_a_probability_map_the_size_of_its_input()
    {
        using var session = _runtime.CreateSession(RepositoryRoot.Combine("node_modules", "@gutenye", "ocr-models", "assets", "ch_PP-OCRv4_det_infer.onnx"));
        var input = Assert.Single(session.Inputs);
        Assert.Equal("x", input.Name);
        Assert.Equal(TensorElementType.Float, input.ElementType);
        Assert.Equal([-1L, 3, -1, -1], input.Shape);

        var image = new float[3 * 64 * 64];
        for (var i = 0; i < image.Length; i++)
        {
            image[i] = (i % 64 is > 16 and < 48 && i / 64 % 64 is > 24 and < 40) ? 2f : -2f;
        }

        var outputs = session.Run(new Dictionary<string, Tensor> { ["x"] = new DenseTensor<float>(image, 1, 3, 64, 64) });

        var map = Assert.Single(outputs).Value.As<float>();
        Assert.Equal([1L, 1, 64, 64], map.Shape);
        Assert.All(map.Span.ToArray(), probability => Assert.InRange(probability, 0f, 1f));
    }

    [Fact]
    public void The_PaddleOCR_recogniser_returns_scores_for_6625_classes_per_time_step()
    {
        using var session = _runtime.CreateSession(RepositoryRoot.Combine("node_modules", "@gutenye", "ocr-models", "assets", "ch_PP-OCRv4_rec_infer.onnx"));
        var input = Assert.Single(session.Inputs);
        Assert.Equal([-1L, 3, 48, -1], input.Shape);

        var line = new DenseTensor<float>(new float[3 * 48 * 160], 1, 3, 48, 160);
        var scores = Assert.Single(session.Run(new Dictionary<string, Tensor> { [input.Name] = line })).Value.As<float>();

        Assert.Equal(3, scores.Shape.Count);
        Assert.Equal(1, scores.Shape[0]);
        Assert.True(scores.Shape[1] > 0);
        Assert.Equal(6625, scores.Shape[2]);
        Assert.Equal(scores.ElementCount, scores.Span.Length);
    }

    private static byte[] SigmoidAndIdentity() => new OnnxModelBuilder()
        .Input("x", TensorElementType.Float, "N")
        .Node("Sigmoid", ["x"], ["sigmoid"])
        .Node("Identity", ["x"], ["copy"])
        .Output("sigmoid", TensorElementType.Float, "N")
        .Output("copy", TensorElementType.Float, "N")
        .Build();
}
