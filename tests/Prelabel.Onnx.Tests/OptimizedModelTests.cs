using Prelabel.Testing;

namespace Prelabel.Onnx.Tests;

public sealed class OptimizedModelTests(OnnxModelFolder folder) : IClassFixture<OnnxModelFolder>
{
    [Fact]
    public void An_optimised_graph_is_opened_by_model_version_and_keeps_the_metadata_and_the_results()
    {
        var path = folder.Affine();
        var cache = folder.File("cache");
        var written = OnnxModel.Optimize(path, "affine-1234abcd", cache);
        var settings = new SessionSettings { IntraOpThreads = 1, OptimizedModelDirectory = cache };

        using var optimized = OnnxModel.Open(path, settings, "affine-1234abcd");
        using var original = OnnxModel.Open(path, settings, "affine-00000000");

        Assert.StartsWith(Path.Combine(cache, "affine-1234abcd.ort-"), written);
        Assert.Equal(written, optimized.LoadedFrom);
        Assert.Equal(path, original.LoadedFrom);
        Assert.Equal(path, optimized.Path);
        Assert.Equal(original.CustomMetadata, optimized.CustomMetadata);
        Assert.Equal(Run(original), Run(optimized));
        Assert.Single(Directory.GetFiles(cache));
    }

    [Fact]
    public void The_real_ocr_detector_gives_the_same_map_from_its_optimised_graph()
    {
        var path = RepositoryRoot.Combine("node_modules", "@gutenye", "ocr-models", "assets", "ch_PP-OCRv4_det_infer.onnx");
        var cache = folder.File("ocr-cache");
        OnnxModel.Optimize(path, "det", cache);
        var settings = new SessionSettings { IntraOpThreads = 1, OptimizedModelDirectory = cache };
        using var optimized = OnnxModel.Open(path, settings, "det");
        using var original = OnnxModel.Open(path, settings with { OptimizedModelDirectory = null }, "det");
        using var input = new PooledTensor<float>(1, 3, 64, 96);
        for (var i = 0; i < input.Length; i++) input.Span[i] = (i % 97) / 48f - 1;

        using var a = original.Run("x", input.Value);
        using var b = optimized.Run("x", input.Value);
        var (map, optimizedMap) = (FloatOutput.Of(a[0], "map").Values.ToArray(), FloatOutput.Of(b[0], "map").Values.ToArray());

        Assert.NotEqual(optimized.LoadedFrom, original.LoadedFrom);
        Assert.Equal(64 * 96, map.Length);
        Assert.All(map.Zip(optimizedMap), p => Assert.Equal(p.First, p.Second, 1e-4f));
    }

    [Fact]
    public void A_damaged_optimised_graph_falls_back_to_the_model_itself()
    {
        var path = folder.Affine();
        var cache = folder.File("damaged");
        File.WriteAllText(OnnxModel.Optimize(path, "affine-v", cache), "not a graph any more");

        using var model = OnnxModel.Open(path, new SessionSettings { OptimizedModelDirectory = cache }, "affine-v");

        Assert.Equal(path, model.LoadedFrom);
        Assert.Equal([3f, 5f, 7f], Run(model));
    }

    [Fact]
    public void Optimising_a_file_that_is_not_onnx_fails_naming_it_and_leaves_nothing_behind()
    {
        var path = folder.File("broken.onnx");
        File.WriteAllText(path, "broken");
        var cache = folder.File("none");

        var error = Assert.Throws<OnnxModelException>(() => OnnxModel.Optimize(path, "broken-v", cache));

        Assert.Contains("broken.onnx cannot be used", error.Message);
        Assert.Empty(Directory.GetFiles(cache));
    }

    private static float[] Run(OnnxModel model)
    {
        using var x = new PooledTensor<float>(1, 3);
        float[] values = [1, 2, 3];
        values.CopyTo(x.Span);
        using var outputs = model.Run("x", x.Value);
        return FloatOutput.Of(outputs[0], "y").Values.ToArray();
    }
}
