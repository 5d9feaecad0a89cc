using System.Text.Json.Nodes;
using Prelabel.LabelStudio.Config;

namespace Prelabel.LabelStudio.Tests;

/// <summary>The validation helper itself must reject what Label Studio rejects, or the converter tests prove nothing.</summary>
public class ResultRulesTests
{
    private static readonly LabelingConfig Config = LabelingConfig.Parse("""
        <View>
          <Image name="image" value="$image"/>
          <Image name="other" value="$other"/>
          <RectangleLabels name="bbox" toName="image"><Label value="Car"/></RectangleLabels>
        </View>
        """);

    private const string Valid = """{"from_name":"bbox","to_name":"image","type":"rectanglelabels","score":0.5,"value":{"x":1,"y":2,"width":3,"height":4,"rotation":0,"rectanglelabels":["Car"]}}""";

    [Fact]
    public void A_valid_rectangle_passes() => Assert.Empty(ResultRules.Problems(Config, JsonNode.Parse(Valid)!.AsObject()));

    [Theory]
    [InlineData("\"to_name\":\"image\"", "\"to_name\":\"other\"", "to_name")]
    [InlineData("\"from_name\":\"bbox\"", "\"from_name\":\"nope\"", "from_name")]
    [InlineData("\"type\":\"rectanglelabels\"", "\"type\":\"RectangleLabels\"", "type")]
    [InlineData("[\"Car\"]", "[\"Bus\"]", "label Bus")]
    [InlineData("\"rectanglelabels\":[\"Car\"]", "\"labels\":[\"Car\"]", "value.rectanglelabels")]
    [InlineData("\"x\":1", "\"x\":100.5", "x")]
    [InlineData("\"y\":2", "\"y\":-1", "y")]
    [InlineData("\"rotation\":0", "\"rotation\":360", "rotation")]
    [InlineData("\"score\":0.5", "\"score\":1.5", "score")]
    [InlineData("\"score\":0.5,", "", null)]
    public void A_result_breaking_one_rule_is_reported(string from, string to, string? problem)
    {
        var problems = ResultRules.Problems(Config, JsonNode.Parse(Valid.Replace(from, to))!.AsObject());

        if (problem is null) Assert.Empty(problems);
        else Assert.Contains(problems, p => p.StartsWith(problem, StringComparison.Ordinal) || p.Contains(problem, StringComparison.Ordinal));
    }
}
