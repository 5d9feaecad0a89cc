using Prelabel.LabelStudio.Config;
using Prelabel.LabelStudio.Converters;

namespace Prelabel.LabelStudio.Tests;

public class ChoicesConverterTests
{
    private static LabelingConfig Config(string choice) => LabelingConfig.Parse($"""
        <View>
          <Image name="image" value="$image"/>
          <Choices name="kind" toName="image" {choice}>
            <Choice value="Cat" predicted_values="cat,kitten"/>
            <Choice value="Dog"/>
            <Choice value="Bird"/>
          </Choices>
        </View>
        """);

    // "car" is the most probable class, but no choice names it.
    private static readonly Dictionary<string, double> Probabilities = new()
    {
        ["car"] = 0.9, ["dog"] = 0.5, ["kitten"] = 0.3, ["cat"] = 0.1, ["bird"] = 0.05,
    };

    public static TheoryData<string, double, string, double> Cases => new()
    {
        { "", 0.2, "Dog", 0.5 },
        { """choice="single" """, 0.2, "Dog", 0.5 },
        { """choice="single-radio" """, 0.5, "Dog", 0.5 },
        { """choice="single" """, 0.6, "", 0 },
        // A choice that absorbs several classes counts once, with its most probable class (kitten 0.3 for Cat).
        { """choice="multiple" """, 0.25, "Cat,Dog", 0.4 },
        { """choice="multiple" """, 0.01, "Cat,Dog,Bird", (0.3 + 0.5 + 0.05) / 3 },
        { """choice="multiple" """, 0.5, "Dog", 0.5 },
        { """choice="multiple" """, 0.6, "", 0 },
        // Top-k keeps the k most probable above the threshold, in config order: Dog 0.5 and Cat 0.3, not Bird.
        { """choice="multiple" model_top_k="2" """, 0.01, "Cat,Dog", (0.3 + 0.5) / 2 },
        { """choice="multiple" model_top_k="1" """, 0.01, "Dog", 0.5 },
    };

    [Fact]
    public void A_top_k_that_is_not_a_whole_number_names_the_tag()
    {
        var config = Config("""choice="multiple" model_top_k="1.5" """);

        var error = Assert.Throws<LabelingConfigException>(() => ChoicesConverter.ToResult(config.Controls[0], "image", "c1", Probabilities, 0.1));
        Assert.Contains("model_top_k", error.Message);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Choices_are_picked_by_the_choice_attribute_among_the_mapped_classes(string choice, double threshold, string expected, double score)
    {
        var config = Config(choice);

        var result = ChoicesConverter.ToResult(config.Controls[0], "image", "c1", Probabilities, threshold);

        if (expected == "")
        {
            Assert.Null(result);
            return;
        }
        Assert.NotNull(result);
        ResultRules.AssertValid(config, result);
        Assert.Equal(("c1", "kind", "image", "choices"), ((string?)result["id"], (string?)result["from_name"], (string?)result["to_name"], (string?)result["type"]));
        Assert.Equal(expected, string.Join(",", result["value"]!["choices"]!.AsArray().Select(c => (string?)c)));
        Assert.Equal(score, (double)result["score"]!, 9);
        Assert.False(result.ContainsKey("original_width"));
    }

    [Theory]
    [InlineData("", "A")]
    [InlineData("""choice="multiple" """, "A")]
    public void Choices_sharing_an_alias_are_stored_once(string choice, string expected)
    {
        var config = LabelingConfig.Parse($"""
            <View><Image name="image" value="$image"/>
              <Choices name="kind" toName="image" {choice}><Choice value="One" alias="A"/><Choice value="Two" alias="A"/></Choices>
            </View>
            """);

        var result = ChoicesConverter.ToResult(config.Controls[0], "image", "c1", new Dictionary<string, double> { ["One"] = 0.7, ["Two"] = 0.6 }, 0.5);

        ResultRules.AssertValid(config, result!);
        Assert.Equal(expected, string.Join(",", result!["value"]!["choices"]!.AsArray().Select(c => (string?)c)));
    }

    [Fact]
    public void Equal_probabilities_pick_the_first_choice_of_the_config()
    {
        var result = ChoicesConverter.ToResult(Config("").Controls[0], "image", "c1", new Dictionary<string, double> { ["bird"] = 0.5, ["dog"] = 0.5 }, 0);

        Assert.Equal("Dog", (string?)result!["value"]!["choices"]![0]);
    }

    [Fact]
    public void No_mapped_class_gives_no_result()
    {
        Assert.Null(ChoicesConverter.ToResult(Config("").Controls[0], "image", "c1", new Dictionary<string, double> { ["car"] = 1 }, 0));
    }
}
