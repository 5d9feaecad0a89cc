using System.Text.Json.Nodes;

namespace Prelabel.Backend.Tests;

public class PredictRequestTests
{
    [Fact]
    public void Parse_reads_what_label_studio_sends_and_ignores_unknown_fields()
    {
        var request = PredictRequest.Parse(JsonNode.Parse("""
            {"tasks": [{"id": 1, "data": {"image": "/data/upload/3/a.jpg"}}], "project": "3.1746612998",
             "label_config": "<View/>", "params": {"login": null, "password": null, "context": {"result": []}},
             "hostname": "http://ls:8080", "model_version": "old"}
            """));

        Assert.Equal(1, PredictRequest.TaskId(Assert.Single(request.Tasks)));
        Assert.Equal(("3.1746612998", "<View/>"), (request.Project, request.LabelConfig));
        Assert.NotNull(request.Context);
    }

    [Fact]
    public void Tasks_given_as_one_object_are_a_list_of_one()
    {
        var request = PredictRequest.Parse(JsonNode.Parse("""{"tasks": {"id": 1}, "label_config": "<View></View>"}"""));

        Assert.Single(request.Tasks);
        Assert.Null(request.Context);
    }

    [Theory]
    [InlineData("[]", "JSON object")]
    [InlineData("""{"label_config": "<View/>"}""", "no \"tasks\"")]
    [InlineData("""{"tasks": "1"}""", "list of task objects")]
    [InlineData("""{"tasks": [1]}""", "tasks[0] is not a JSON object")]
    [InlineData("""{"tasks": [], "label_config": 5}""", "labeling config XML as a string")]
    public void Malformed_bodies_are_a_400_with_the_reason(string body, string reason)
    {
        var error = Assert.Throws<BackendException>(() => PredictRequest.Parse(JsonNode.Parse(body)));

        Assert.Equal(400, error.Status);
        Assert.Contains(reason, error.Message);
    }

    [Theory]
    [InlineData("3.1746612998", 3L)]
    [InlineData("42", 42L)]
    [InlineData("None", null)]
    [InlineData(null, null)]
    public void The_project_id_is_the_part_before_the_dot(string? project, long? id) =>
        Assert.Equal(id, ProjectReference.IdOf(project));
}
