using System.Text.Json.Nodes;
using Prelabel.LabelStudio.Predictions;

namespace Prelabel.LabelStudio.Tests;

/// <summary>The model_version propagation cases of label-studio-ml-backend's tests/test_response.py, replayed.</summary>
public class ModelResponseTests
{
    private static JsonObject Region() => new() { ["from_name"] = "label", ["to_name"] = "image", ["type"] = "rectanglelabels", ["score"] = 0.5 };

    [Fact]
    public void Predictions_that_carry_a_version_keep_it()
    {
        var response = new ModelResponse().Add(new Prediction([Region()], 0.5, "mine")).WithModelVersion("response");

        Assert.Equal("mine", response.PredictionsFor(0)[0].ModelVersion);
    }

    [Fact]
    public void Predictions_without_a_version_inherit_it_also_inside_per_task_lists()
    {
        var response = new ModelResponse()
            .Add(new Prediction([], 0))
            .Add([new Prediction([], 0), new Prediction([], 0, "own")])
            .WithModelVersion("v1");

        Assert.Equal("v1", response.PredictionsFor(0)[0].ModelVersion);
        Assert.Equal(["v1", "own"], response.PredictionsFor(1).Select(p => p.ModelVersion));
    }

    [Fact]
    public void Has_model_version_is_false_until_one_is_set()
    {
        var response = new ModelResponse().Add(Prediction.Empty());

        Assert.False(response.HasModelVersion);
        Assert.True(response.WithModelVersion("v").HasModelVersion);
    }

    [Fact]
    public void Serialized_predictions_have_exactly_result_score_and_model_version()
    {
        var json = new ModelResponse().Add(new Prediction([Region()], 0.5)).Add([Prediction.Empty(), Prediction.Empty()]).WithModelVersion("v").ToJson();

        var single = json["results"]![0]!.AsObject();
        Assert.Equal(["result", "score", "model_version"], single.Select(p => p.Key));
        var list = json["results"]![1]!.AsArray();
        Assert.All(list, p => Assert.Equal(["result", "score", "model_version"], p!.AsObject().Select(q => q.Key)));
    }

    [Fact]
    public void A_failed_task_has_no_result_so_label_studio_asks_again()
    {
        var json = new ModelResponse().Add(Prediction.Empty()).AddFailure("image not reachable").WithModelVersion("v").ToJson();

        var failed = json["results"]![1]!.AsObject();
        Assert.False(failed.ContainsKey("result"));
        Assert.Equal("image not reachable", (string?)failed["error"]);
        Assert.Equal("v", (string?)failed["model_version"]);
    }

    [Fact]
    public void Mean_score_averages_region_scores_and_is_zero_without_regions()
    {
        Assert.Equal(0, Prediction.MeanScore([]));
        Assert.Equal(0.6, Prediction.MeanScore([new JsonObject { ["score"] = 0.4 }, new JsonObject { ["score"] = 0.8 }]), 9);
    }
}
