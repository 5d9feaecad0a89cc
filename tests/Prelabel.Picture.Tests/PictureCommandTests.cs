using System.Diagnostics;
using System.Text.Json.Nodes;
using Prelabel.Imaging;
using Prelabel.LabelStudio.Converters;

namespace Prelabel.Picture.Tests;

public sealed class PictureCommandTests : IDisposable
{
    private const int Width = 300;
    private const int Height = 200;
    private static readonly RgbColor Red = new(255, 0, 0);

    private readonly PictureFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Every_result_type_is_drawn_where_its_coordinates_say()
    {
        var (code, stdout, stderr) = Run(folder.GreyPng("photo.png", Width, Height), folder.Write("p.json", OneOfEach()), folder.File("out.png"),
            "--config", folder.Write("config.xml", Config));

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Contains("300x200, 5 regions, 3 caption lines", stdout);
        RgbImage picture = ImageDecoder.Decode(File.ReadAllBytes(folder.File("out.png"))).Image;

        Near(Red, picture.GetPixel(30, 100));
        Near(PictureFolder.Grey, picture.GetPixel(60, 100));
        Near(Red, picture.GetPixel(30, 70));

        RgbColor truck = LabelColors.Hashed("Truck");
        Near(truck, picture.GetPixel(149, 95));
        Near(truck, picture.GetPixel(130, 95));
        Near(PictureFolder.Grey, picture.GetPixel(175, 90));
        Near(PictureFolder.Grey, picture.GetPixel(140, 95));

        RgbColor tree = LabelColors.Hashed("Tree");
        Near(tree, picture.GetPixel(240, 150));
        Near(Blend(PictureFolder.Grey, tree, 0.3), picture.GetPixel(245, 170));
        Near(PictureFolder.Grey, picture.GetPixel(280, 180));

        RgbColor sky = LabelColors.Hashed("Sky");
        Near(Blend(PictureFolder.Grey, sky, 0.45), picture.GetPixel(25, 175));
        Near(PictureFolder.Grey, picture.GetPixel(50, 175));

        Near(LabelColors.Hashed("Nose"), picture.GetPixel(120, 160));
        Near(PictureFolder.Grey, picture.GetPixel(120, 180));

        Near(LabelColors.Hashed("Beach"), picture.GetPixel(0, 0));
        Near(LabelColors.Hashed("Dog"), picture.GetPixel(0, 20));
        Near(new RgbColor(40, 40, 40), picture.GetPixel(0, 38));
        Near(PictureFolder.Grey, picture.GetPixel(0, 60));
    }

    [Fact]
    public void Labels_are_written_in_DejaVu_Sans_on_their_colour()
    {
        var (code, _, _) = Run(folder.GreyPng("photo.png", Width, Height), folder.Write("p.json", OneOfEach()), folder.File("out.png"),
            "--config", folder.Write("config.xml", Config));

        Assert.Equal(0, code);
        Assert.Equal("DejaVu Sans", PictureFont.Typeface.FamilyName);
        RgbImage picture = ImageDecoder.Decode(File.ReadAllBytes(folder.File("out.png"))).Image;
        // The Car label sits on red right above its box (y 80): white text (red is dark) inks some of its pixels.
        var label = Enumerable.Range(30, 60).SelectMany(x => Enumerable.Range(64, 14).Select(y => picture.GetPixel(x, y))).ToList();
        Assert.Contains(label, p => p.R > 200 && p.G > 200 && p.B > 200);
        Assert.True(label.Count(p => p == Red) > label.Count / 2, "the label's box is mostly its colour");
    }

    [Fact]
    public void Without_a_config_every_label_gets_its_hashed_colour()
    {
        var (code, _, _) = Run(folder.GreyPng("photo.png", Width, Height), folder.Write("p.json", OneOfEach()), folder.File("out.png"));

        Assert.Equal(0, code);
        Near(LabelColors.Hashed("Car"), ImageDecoder.Decode(File.ReadAllBytes(folder.File("out.png"))).Image.GetPixel(30, 100));
    }

    [Theory]
    [InlineData("missing image", "image", "no such file")]
    [InlineData("missing prediction", "prediction", "no such file")]
    [InlineData("not json", "prediction", "is not JSON")]
    [InlineData("no results", "prediction", "has no results")]
    [InlineData("empty response", "prediction", "has an empty \"results\" list")]
    [InlineData("not an image", "image", "is not an image Prelabel can read")]
    [InlineData("bad region", "prediction", "result 1 (rectanglelabels) has no number \"x\"")]
    [InlineData("bad config", "config", "not valid XML")]
    [InlineData("missing output folder", "output", "no such folder")]
    public void Bad_input_exits_with_2_and_says_what_is_wrong(string problem, string culprit, string message)
    {
        string image = folder.GreyPng("photo.png", 20, 10);
        string prediction = folder.Write("p.json", OneOfEach());
        string output = folder.File("out.png");
        string config = folder.Write("config.xml", Config);
        switch (problem)
        {
            case "missing image": image = folder.File("nowhere.png"); break;
            case "missing prediction": prediction = folder.File("nowhere.json"); break;
            case "not json": folder.Write("p.json", "{results: oops"); break;
            case "no results": folder.Write("p.json", """{"result": []}"""); break;
            case "empty response": folder.Write("p.json", """{"results": []}"""); break;
            case "not an image": image = folder.Write("photo.txt", "hello"); break;
            case "bad region": folder.Write("p.json", """{"result": [{"type": "rectanglelabels", "value": {"y": 1}}]}"""); break;
            case "bad config": folder.Write("config.xml", "<View><Image"); break;
            case "missing output folder": output = folder.File("no/such/out.png"); break;
        }

        var (code, stdout, stderr) = Run(image, prediction, output, "--config", config);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.StartsWith("picture: ", stderr);
        Assert.Contains(message, stderr);
        Assert.Contains(culprit == "output" ? output : culprit switch { "image" => image, "config" => config, _ => prediction }, stderr);
        Assert.DoesNotContain(" at ", stderr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Wrong_arguments_exit_with_2_and_the_usage()
    {
        var (code, _, stderr) = Run("only-one.png");

        Assert.Equal(2, code);
        Assert.Contains("usage: picture <image file> <prediction.json> <out.png>", stderr);
    }

    [Fact]
    public void The_executable_reports_bad_input_with_exit_code_2_and_no_stack_trace()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "Prelabel.Picture.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in new[] { dll, folder.File("nowhere.png"), folder.File("p.json"), folder.File("out.png") }) info.ArgumentList.Add(a);

        using var process = Process.Start(info)!;
        string stderr = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(2, process.ExitCode);
        Assert.Equal($"picture: image {folder.File("nowhere.png")}: no such file", stderr.Trim());
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = PictureCommand.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Within 2 per channel: anti-aliased edges and Skia's 8-bit alpha (0.3 is 77/255) round a little differently.</summary>
    private static void Near(RgbColor expected, RgbColor actual)
    {
        bool near = Math.Abs(expected.R - actual.R) <= 2 && Math.Abs(expected.G - actual.G) <= 2 && Math.Abs(expected.B - actual.B) <= 2;
        Assert.True(near, $"expected {expected} ±2, got {actual}");
    }

    private static RgbColor Blend(RgbColor under, RgbColor over, double alpha) => new(
        (byte)Math.Round(under.R + (over.R - under.R) * alpha),
        (byte)Math.Round(under.G + (over.G - under.G) * alpha),
        (byte)Math.Round(under.B + (over.B - under.B) * alpha));

    private const string Config = """
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="label" toName="image"><Label value="Car" background="#ff0000"/><Label value="Truck"/></RectangleLabels>
        </View>
        """;

    /// <summary>
    /// On 300x200: Car box 30..90 x 80..120 with per-region text; Truck box turned 90 degrees to 130..150 x 80..110;
    /// Tree triangle (210,150) (270,150) (240,190); Sky mask 10..40 x 150..190; Nose point at (120,160);
    /// then a choice, a taxonomy path and a whole-image text in the caption band.
    /// </summary>
    private static string OneOfEach()
    {
        var mask = new byte[Width * Height];
        for (int y = 150; y < 190; y++) mask.AsSpan(y * Width + 10, 30).Fill(255);
        var rle = new JsonArray(BrushRle.Encode(mask, Width, Height).Select(b => (JsonNode)b).ToArray());
        var results = new JsonArray(
            Region("car1", "label", "rectanglelabels", 0.87, new JsonObject { ["x"] = 10, ["y"] = 40, ["width"] = 20, ["height"] = 20, ["rotation"] = 0, ["rectanglelabels"] = new JsonArray("Car") }),
            Region("car1", "text", "textarea", null, new JsonObject { ["x"] = 10, ["y"] = 40, ["width"] = 20, ["height"] = 20, ["text"] = new JsonArray("red car") }),
            Region("truck1", "label", "rectanglelabels", 0.75, new JsonObject { ["x"] = 50, ["y"] = 40, ["width"] = 10, ["height"] = 10, ["rotation"] = 90, ["rectanglelabels"] = new JsonArray("Truck") }),
            Region("tree1", "outline", "polygonlabels", 0.66, new JsonObject { ["points"] = Points((70, 75), (90, 75), (80, 95)), ["polygonlabels"] = new JsonArray("Tree") }),
            Region("sky1", "paint", "brushlabels", 0.55, new JsonObject { ["format"] = "rle", ["rle"] = rle, ["brushlabels"] = new JsonArray("Sky") }),
            Region("nose1", "pose", "keypointlabels", 0.93, new JsonObject { ["x"] = 40, ["y"] = 80, ["width"] = 2, ["keypointlabels"] = new JsonArray("Nose") }),
            Region("c1", "scene", "choices", 0.91, new JsonObject { ["choices"] = new JsonArray("Beach") }),
            Region("t1", "kind", "taxonomy", 0.8, new JsonObject { ["taxonomy"] = new JsonArray(new JsonArray("Animal", "Dog")) }),
            Region("n1", "notes", "textarea", null, new JsonObject { ["text"] = new JsonArray("hello") }));
        return new JsonObject { ["results"] = new JsonArray(new JsonObject { ["result"] = results, ["score"] = 0.8, ["model_version"] = "test" }) }.ToJsonString();
    }

    private static JsonObject Region(string id, string from, string type, double? score, JsonObject value)
    {
        var region = new JsonObject
        {
            ["id"] = id, ["from_name"] = from, ["to_name"] = "image", ["type"] = type,
            ["original_width"] = Width, ["original_height"] = Height, ["value"] = value,
        };
        if (score is { } s) region["score"] = s;
        return region;
    }

    private static JsonArray Points(params (double X, double Y)[] points) =>
        new(points.Select(p => (JsonNode)new JsonArray(p.X, p.Y)).ToArray());
}
