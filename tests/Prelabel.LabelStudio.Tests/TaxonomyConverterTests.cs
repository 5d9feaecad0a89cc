using Prelabel.LabelStudio.Config;
using Prelabel.LabelStudio.Converters;

namespace Prelabel.LabelStudio.Tests;

public class TaxonomyConverterTests
{
    // "Other" exists under two parents; the path tells them apart.
    private static LabelingConfig Config(string choice) => LabelingConfig.Parse($"""
        <View>
          <Image name="image" value="$image"/>
          <Taxonomy name="tax" toName="image" {choice}>
            <Choice value="Animal" predicted_values="animal">
              <Choice value="Dog" predicted_values="dog"/>
              <Choice value="Cat" predicted_values="cat"/>
            </Choice>
            <Choice value="Vehicle"><Choice value="Other" predicted_values="vehicle_other"/></Choice>
            <Choice value="Plant"><Choice value="Other" predicted_values="plant_other"/></Choice>
          </Taxonomy>
        </View>
        """);

    private static readonly Dictionary<string, double> Probabilities = new()
    {
        ["dog"] = 0.6, ["plant_other"] = 0.4, ["animal"] = 0.2, ["vehicle_other"] = 0.1, ["tree"] = 0.95,
    };

    public static TheoryData<string, double, string, double> Cases => new()
    {
        { "", 0.3, """[["Animal","Dog"]]""", 0.6 },
        { """choice="single" """, 0.7, "", 0 },
        { """choice="multiple" """, 0.3, """[["Animal","Dog"],["Plant","Other"]]""", 0.5 },
        { """choice="multiple" """, 0.15, """[["Animal"],["Animal","Dog"],["Plant","Other"]]""", 0.4 },
        { """choice="multiple" """, 0.05, """[["Animal"],["Animal","Dog"],["Vehicle","Other"],["Plant","Other"]]""", 0.325 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Picked_nodes_are_paths_from_the_root(string choice, double threshold, string expected, double score)
    {
        var config = Config(choice);

        var result = TaxonomyConverter.ToResult(config.Controls[0], "image", "t1", Probabilities, threshold);

        if (expected == "")
        {
            Assert.Null(result);
            return;
        }
        Assert.NotNull(result);
        ResultRules.AssertValid(config, result);
        Assert.Equal(("t1", "tax", "image", "taxonomy"), ((string?)result["id"], (string?)result["from_name"], (string?)result["to_name"], (string?)result["type"]));
        Assert.Equal(expected, result["value"]!["taxonomy"]!.ToJsonString());
        Assert.Equal(score, (double)result["score"]!, 9);
    }
}
