using System.Text.Json.Nodes;

namespace Prelabel.LabelStudio.Client.Tests;

public sealed partial class LabelStudioApiClientTests
{
    private const string PredictionsPath = "/api/predictions/";

    [Fact]
    public async Task Prediction_is_posted_with_task_result_score_and_model_version_and_listed_with_its_task()
    {
        AddTasks(1);

        var id = await Client().CreatePredictionAsync(1, new JsonArray(Region("Car")), 0.82, "yolo-1.0.0");

        var request = Assert.Single(_server.Requests.To(PredictionsPath));
        Assert.Equal("POST", request.Method);
        var expected = new JsonObject { ["task"] = 1, ["result"] = new JsonArray(Region("Car")), ["score"] = 0.82, ["model_version"] = "yolo-1.0.0" };
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(request.Body!)), request.Body);
        var prediction = Assert.Single(Assert.Single(await All(Client().ListTasksAsync(ProjectId))).Predictions);
        Assert.Equal(new LabelStudioPrediction(id, "yolo-1.0.0", 0.82, prediction.Result), prediction);
        Assert.True(JsonNode.DeepEquals(new JsonArray(Region("Car")), prediction.Result));
    }

    [Fact]
    public async Task Prediction_without_a_score_leaves_the_score_out()
    {
        AddTasks(1);

        await Client().CreatePredictionAsync(1, [], null, "v2");

        Assert.False(JsonNode.Parse(Assert.Single(_server.Requests.To(PredictionsPath)).Body!)!.AsObject().ContainsKey("score"));
        Assert.Null(Assert.Single(Assert.Single(_server.TasksOf(ProjectId)).Predictions)!["score"]);
    }

    [Fact]
    public async Task Prediction_for_an_unknown_task_is_a_permanent_400()
    {
        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(() => Client().CreatePredictionAsync(99, [], 0.5, "v1"));

        Assert.Equal((400, false), (error.Status, error.IsTransient));
        Assert.Equal("Validation error: task: Invalid pk \"99\" - object does not exist.", error.Detail);
        Assert.Contains("creating a prediction for task 99", error.Message);
    }

    [Fact]
    public async Task Server_error_on_creating_a_prediction_is_transient_and_not_repeated()
    {
        AddTasks(1);
        _server.Faults.FailNext(PredictionsPath, 1, 503);

        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(() => Client().CreatePredictionAsync(1, [], 0.5, "v1"));

        Assert.Equal((503, true), (error.Status, error.IsTransient));
        Assert.Equal(1, _server.Requests.Count(PredictionsPath));
        Assert.Empty(Assert.Single(_server.TasksOf(ProjectId)).Predictions);
    }

    [Fact]
    public async Task Prediction_whose_answer_is_lost_after_the_commit_exists_on_the_server()
    {
        AddTasks(1);
        _server.Faults.DropConnectionAfterCommit(PredictionsPath, 1);

        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(() => Client().CreatePredictionAsync(1, [], 0.5, "v1"));

        Assert.Equal((0, true), (error.Status, error.IsTransient));
        Assert.Equal(1, _server.Requests.Count(PredictionsPath));
        Assert.Equal("v1", (string?)Assert.Single(Assert.Single(_server.TasksOf(ProjectId)).Predictions)!["model_version"]);
    }

    [Fact]
    public async Task Deleted_prediction_is_gone_from_its_task()
    {
        AddTasks(1);
        var client = Client();
        var keep = await client.CreatePredictionAsync(1, [], 0.5, "v1");
        var delete = await client.CreatePredictionAsync(1, [], 0.5, "v2");

        await client.DeletePredictionAsync(delete);

        var request = Assert.Single(_server.Requests.To($"/api/predictions/{delete}/"));
        Assert.Equal("DELETE", request.Method);
        Assert.Equal([keep], Assert.Single(await All(client.ListTasksAsync(ProjectId))).Predictions.Select(p => p.Id));
    }

    [Fact]
    public async Task Deleting_an_unknown_prediction_is_a_permanent_404()
    {
        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(() => Client().DeletePredictionAsync(12345));

        Assert.Equal((404, false), (error.Status, error.IsTransient));
        Assert.Contains("prediction 12345 does not exist", error.Message);
    }

    [Fact]
    public async Task Delete_is_repeated_after_a_server_error_and_a_404_to_the_repeat_counts_as_done()
    {
        AddTasks(1);
        var client = Client();
        var id = await client.CreatePredictionAsync(1, [], 0.5, "v1");
        await client.DeletePredictionAsync(id);
        _server.Faults.FailNext($"/api/predictions/{id}/", 1, 502);

        await client.DeletePredictionAsync(id);

        Assert.Equal(3, _server.Requests.Count($"/api/predictions/{id}/"));
        Assert.Single(_delays);
    }
}
