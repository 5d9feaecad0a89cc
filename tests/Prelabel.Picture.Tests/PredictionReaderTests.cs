namespace Prelabel.Picture.Tests;

public sealed class PredictionReaderTests
{
    private const string Result = """{"type": "choices", "value": {"choices": ["A"]}}""";

    [Theory]
    [InlineData("""{"results": [{"result": [R]}, {"result": []}]}""")]
    [InlineData("""{"results": [[{"result": [R]}, {"result": []}]]}""")]
    [InlineData("""{"result": [R], "score": 0.5}""")]
    [InlineData("""{"id": 1, "data": {"image": "x"}, "predictions": [{"result": [R]}]}""")]
    [InlineData("""[{"id": 1, "predictions": [{"result": [R]}]}, {"id": 2}]""")]
    public void The_first_prediction_is_found_in_every_shape(string json)
    {
        var results = PredictionReader.Read(json.Replace("R", Result), "p.json");

        Assert.Equal("choices", (string?)Assert.Single(results)["type"]);
    }

    [Theory]
    [InlineData("nope", "p.json is not JSON")]
    [InlineData("[]", "p.json is an empty list")]
    [InlineData("""{"results": []}""", "p.json has an empty \"results\" list")]
    [InlineData("""{"results": [{"model_version": "v", "score": 0, "error": "download failed"}]}""", "p.json: the first task's prediction failed: download failed")]
    [InlineData("""{"predictions": []}""", "p.json is a task without predictions")]
    [InlineData("""{"result": []}""", "p.json: the prediction has no results")]
    [InlineData("""{"data": {}}""", "p.json: expected {\"results\": [...]}")]
    [InlineData("""{"result": [1]}""", "p.json: result 1 is not a JSON object")]
    public void Unusable_json_is_explained(string json, string message)
    {
        var e = Assert.Throws<PictureInputException>(() => PredictionReader.Read(json, "p.json"));

        Assert.StartsWith(message, e.Message);
    }
}
