using System.Security.Cryptography;
using Prelabel.Imaging;
using Prelabel.Inference.Embeddings;
using Prelabel.Onnx;

namespace Prelabel.Inference.Tests.Embeddings;

/// <summary>
/// The backbone under test embeds an image to its mean normalised colour (see <see cref="EmbeddingFixture.Model(string?, bool)"/>),
/// so every preprocessing step shows in the vector.
/// </summary>
public sealed class EmbeddingModelTests(EmbeddingFixture fixture) : IClassFixture<EmbeddingFixture>
{
    private const string UnitRange = """{"task": "embed", "mean": [0, 0, 0], "std": [1, 1, 1]}""";

    private static void Near(float[] expected, float[] actual, float tolerance = 1e-3f) =>
        Assert.Equal(expected, actual, (a, b) => Math.Abs(a - b) < tolerance);

    private static float Length(float[] v) => (float)Math.Sqrt(Vectors.Dot(v, v));

    [Fact]
    public void An_embedding_has_unit_length_and_points_along_the_image_colour()
    {
        using var model = fixture.Model(UnitRange);

        var embedding = model.Embed(fixture.Solid(90, 120, 150));

        Assert.Equal(1f, Length(embedding), 1e-5f);
        Near(Vectors.Normalized([90, 120, 150]), embedding);
    }

    [Fact]
    public void Sidecar_mean_and_std_normalise_the_input()
    {
        using var model = fixture.Model("""{"task": "embed", "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5]}""");

        var embedding = model.Embed(fixture.Solid(255, 0, 0));

        // Red 255 → (1 - 0.5) / 0.5 = 1, green and blue 0 → -1.
        Near(Vectors.Normalized([1, -1, -1]), embedding);
    }

    [Fact]
    public void Bgr_channel_order_puts_red_in_the_last_channel()
    {
        using var model = fixture.Model("""{"task": "embed", "mean": [0, 0, 0], "std": [1, 1, 1], "channel_order": "bgr"}""");

        Near([0, 0, 1], model.Embed(fixture.Solid(255, 0, 0)));
    }

    [Fact]
    public void A_wide_image_is_cut_to_its_centre()
    {
        using var model = fixture.Model(UnitRange);
        var stripes = fixture.Image("stripes.png", "-size", "150x200", "xc:red", "-size", "300x200", "xc:lime", "-size", "150x200", "xc:blue", "+append");

        // 600x200 to 672x224; the centre 224 columns lie inside the green stripe (168..504).
        Near([0, 1, 0], model.Embed(stripes));
    }

    [Fact]
    public void Resize_sets_the_shorter_side_before_the_centre_crop()
    {
        var framed = fixture.Image("framed.png", "-size", "200x200", "xc:lime", "-bordercolor", "red", "-border", "50");
        using var plain = fixture.Model(UnitRange);
        using var enlarged = fixture.Model("""{"task": "embed", "mean": [0, 0, 0], "std": [1, 1, 1], "resize": 672}""");

        // 300 px to 672 px, cut 224 from the middle: only the green square (112..560) is left.
        Near([0, 1, 0], enlarged.Embed(framed));
        Assert.True(plain.Embed(framed)[0] > 0.3f, "without resize the red frame stays in view");
    }

    [Fact]
    public void A_pooled_output_of_shape_1_d_1_1_is_flattened()
    {
        using var model = fixture.Model(UnitRange, keepDims: true);

        Near(Vectors.Normalized([90, 120, 150]), model.Embed(fixture.Solid(90, 120, 150)));
    }

    [Fact]
    public void An_output_that_is_a_sequence_of_vectors_is_refused()
    {
        using var model = fixture.Model(UnitRange, 224, 224, axes: [2]);

        var error = Assert.Throws<OnnxModelException>(() => model.Embed(fixture.Solid(90, 120, 150)));
        Assert.IsType<InvalidDataException>(error.InnerException);

        Assert.Contains("[1, 3, 224]", error.Message);
    }

    [Fact]
    public void A_dynamic_input_takes_its_size_from_imgsz()
    {
        using var model = fixture.Model("""{"task": "embed", "imgsz": [64, 96], "mean": [0, 0, 0], "std": [1, 1, 1]}""", "H", "W");

        var embedding = model.Embed(fixture.Solid(90, 120, 150));

        Assert.Equal((96, 64), (model.Metadata.InputWidth, model.Metadata.InputHeight));
        Near(Vectors.Normalized([90, 120, 150]), embedding);
    }

    [Fact]
    public void A_model_without_a_sidecar_fails_naming_the_sidecar()
    {
        using var model = fixture.Model(null);

        var error = Assert.Throws<OnnxModelException>(() => model.Embed(fixture.Solid(90, 120, 150)));
        Assert.IsType<InvalidDataException>(error.InnerException);

        Assert.Contains(EmbeddingMetadata.SidecarPath(model.Path), error.Message);
    }

    [Fact]
    public void A_sidecar_without_mean_and_std_fails_naming_them()
    {
        using var model = fixture.Model("""{"task": "embed"}""");

        var error = Assert.Throws<OnnxModelException>(() => model.Metadata);
        Assert.IsType<InvalidDataException>(error.InnerException);

        Assert.Contains("mean, std", error.Message);
    }

    [Fact]
    public void Reddish_greenish_and_bluish_images_embed_apart_and_jpeg_agrees_with_png()
    {
        using var model = fixture.Model("""{"task": "embed", "mean": [0.45, 0.45, 0.45], "std": [0.25, 0.25, 0.25]}""");
        float[][] reds = [model.Embed(fixture.Solid(220, 40, 30)), model.Embed(fixture.Solid(190, 70, 60, format: "jpg"))];
        float[][] greens = [model.Embed(fixture.Solid(40, 200, 50)), model.Embed(fixture.Solid(70, 170, 80, format: "jpg"))];
        float[][] blues = [model.Embed(fixture.Solid(30, 50, 210)), model.Embed(fixture.Solid(60, 80, 180, format: "jpg"))];
        float[][][] groups = [reds, greens, blues];

        var within = groups.Max(g => Vectors.CosineDistance(g[0], g[1]));
        var between = groups.SelectMany((g, i) => groups.Skip(i + 1).SelectMany(h => g.SelectMany(a => h.Select(b => Vectors.CosineDistance(a, b))))).Min();

        Assert.True(within < 0.1 && between > 0.5, $"within {within:F3}, between {between:F3}");
    }

    [Fact]
    public void The_model_version_is_the_file_name_and_the_start_of_its_sha256()
    {
        using var model = fixture.Model(UnitRange);

        var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(model.Path)));

        Assert.Equal("backbone-" + hash[..8], model.ModelVersion);
    }

    [Fact]
    public void Nothing_is_read_until_the_model_is_used()
    {
        var path = Path.Combine(fixture.Folder, "not-there.onnx");
        using var model = new EmbeddingModel(path, SessionSettings.Default);

        var error = Assert.Throws<FileNotFoundException>(() => model.ModelVersion);

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_cancelled_embedding_stops()
    {
        using var model = fixture.Model(UnitRange);

        Assert.Throws<OperationCanceledException>(() => model.Embed(fixture.Solid(90, 120, 150), new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Images_over_the_pixel_limit_are_refused()
    {
        using var model = new EmbeddingModel(fixture.Model(UnitRange).Path, fixture.Sessions) { MaxImagePixels = 320 * 240 - 1 };

        Assert.Throws<ImageDecodeException>(() => model.Embed(fixture.Solid(90, 120, 150)));
    }

    [Fact]
    public void Concurrent_embeddings_share_one_session_and_agree()
    {
        using var model = fixture.Model(UnitRange);
        var image = fixture.Solid(90, 120, 150);

        var results = Enumerable.Range(0, 8).AsParallel().Select(_ => model.Embed(image)).ToArray();

        // Agree, not bit for bit: ONNX Runtime's reductions may differ in the last bit between runs.
        Assert.All(results, e => Near(results[0], e, 1e-6f));
    }
}
