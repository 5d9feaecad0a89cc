using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Prelabel.LabelStudio.TestServer;

namespace Prelabel.LabelStudio.Client.Tests;

/// <summary>The test server's import and prediction endpoints over plain HTTP, where the client does not go.</summary>
public sealed class LabelStudioTestServerTests : IAsyncLifetime
{
    private const long ProjectId = 7;
    private const string ImportPath = "/api/projects/7/import";
    private const string LabelConfig = "<View><Image name=\"image\" value=\"$image\"/><Choices name=\"pet\" toName=\"image\"><Choice value=\"Cat\"/></Choices></View>";

    private readonly LabelStudioTestServer _server = new();
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        await _server.StartAsync();
        _server.AddProject(ProjectId, "Pets", LabelConfig);
        _server.AddProject(8, "Other", LabelConfig);
        _http = new HttpClient { BaseAddress = new Uri(_server.BaseUrl) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", _server.LegacyToken);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Import_without_credentials_is_401_with_drfs_detail()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(_server.BaseUrl) };

        var (status, body) = await PostAsync(ImportPath, "[]", anonymous);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("Authentication credentials were not provided.", (string?)body["detail"]);
    }

    [Fact]
    public async Task Import_by_a_user_outside_the_project_is_403_and_into_an_unknown_project_404()
    {
        using var outsider = new HttpClient { BaseAddress = new Uri(_server.BaseUrl) };
        outsider.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", _server.NoPermissionToken);

        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(ImportPath, Task("a.jpg"), outsider)).Status);
        var (status, body) = await PostAsync("/api/projects/99/import", Task("a.jpg"));
        Assert.Equal((HttpStatusCode.NotFound, "Not found."), (status, (string?)body["detail"]));
    }

    [Fact]
    public async Task Import_missing_a_config_key_is_400_in_label_studios_envelope_with_one_entry_per_item()
    {
        var (status, body) = await PostAsync(ImportPath, $"[{Task("a.jpg")}, {{\"data\": {{\"picture\": \"b.jpg\"}}}}]");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal((400, "Validation error"), ((int)body["status_code"]!, (string?)body["detail"]));
        var errors = body["validation_errors"]!["non_field_errors"]!.AsArray();
        Assert.Equal(2, errors.Count);
        Assert.Empty(errors[0]!.AsObject());
        Assert.Equal(
            "Error at item 1: \"image\" key is expected in task data [assume: item[\"data\"] = task root with values] :: {\"data\":{\"picture\":\"b.jpg\"}}",
            (string?)errors[1]);
        Assert.Equal(0, _server.TaskCount(ProjectId));
    }

    [Fact]
    public async Task One_task_object_is_imported_and_answered_with_community_editions_fields()
    {
        var (status, body) = await PostAsync(ImportPath, Task("a.jpg"));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(
            ["task_count", "annotation_count", "prediction_count", "duration", "file_upload_ids", "could_be_tasks_list", "found_formats", "data_columns"],
            body.Select(p => p.Key));
        Assert.Equal((1, 0, 1), ((int)body["task_count"]!, (int)body["annotation_count"]!, (int)body["prediction_count"]!));
        Assert.Equal(1, _server.TaskCount(ProjectId));
    }

    [Fact]
    public async Task An_item_without_a_data_key_is_its_own_data()
    {
        var (status, body) = await PostAsync(ImportPath + "?return_task_ids=1", """[{"image": "flat.jpg"}]""");

        Assert.Equal(HttpStatusCode.Created, status);
        var task = Assert.Single(_server.TasksOf(ProjectId));
        Assert.Equal((long)body["task_ids"]![0]!, task.Id);
        Assert.Equal("flat.jpg", (string?)task.Data["image"]);
    }

    [Fact]
    public async Task Commit_to_project_false_validates_and_stores_nothing()
    {
        var (status, body) = await PostAsync(ImportPath + "?commit_to_project=false&return_task_ids=true", $"[{Task("a.jpg")}]");

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(1, (int)body["task_count"]!);
        Assert.Empty(body["task_ids"]!.AsArray());
        Assert.Equal(0, _server.TaskCount(ProjectId));
    }

    [Fact]
    public async Task Prediction_results_must_be_lists()
    {
        var (status, body) = await PostAsync(ImportPath, """[{"data": {"image": "a.jpg"}, "predictions": [{"result": {"x": 1}}]}]""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("Error at item 0: \"result\" field in prediction must be list", (string?)body["validation_errors"]!["non_field_errors"]![0]);
    }

    [Fact]
    public async Task Imported_tasks_get_increasing_ids_above_seeded_ones_and_show_in_the_project_counters()
    {
        _server.AddTaskWithAnnotations(ProjectId, 40, new JsonObject { ["image"] = "seeded.jpg" });

        var first = await PostAsync(ImportPath + "?return_task_ids=true", $"[{Task("a.jpg")}, {Task("b.jpg")}]");
        var second = await PostAsync(ImportPath + "?return_task_ids=true", $"[{Task("c.jpg")}]");
        var project = JsonNode.Parse(await _http.GetStringAsync("/api/projects/7/"))!;

        Assert.Equal([41L, 42L, 43L], first.Body["task_ids"]!.AsArray().Concat(second.Body["task_ids"]!.AsArray()).Select(id => (long)id!));
        Assert.Equal((4, 3), ((int)project["task_number"]!, (int)project["total_predictions_number"]!));
        Assert.Equal("v1", (string?)project["model_version"]);
    }

    [Fact]
    public async Task Predictions_are_imported_for_tasks_of_the_project_only()
    {
        _server.AddTaskWithAnnotations(ProjectId, 1, new JsonObject { ["image"] = "a.jpg" });
        _server.AddTaskWithAnnotations(8, 2, new JsonObject { ["image"] = "b.jpg" });

        var created = await PostAsync("/api/projects/7/import/predictions", """[{"task": 1, "result": [], "score": 0.5}, {"task": 1, "result": [], "model_version": "v3"}]""");
        var refused = await PostAsync("/api/projects/7/import/predictions", """[{"task": 2, "result": []}]""");

        Assert.Equal((HttpStatusCode.Created, 2), (created.Status, (int)created.Body["created"]!));
        Assert.Equal(["undefined", "v3"], Assert.Single(_server.TasksOf(ProjectId)).Predictions.Select(p => (string?)p!["model_version"]));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("couldn't be retrieved from project Pets (id=7)", (string?)refused.Body["validation_errors"]!["non_field_errors"]![0]);
    }

    [Fact]
    public async Task Created_prediction_is_answered_with_the_full_prediction_object_and_deleted_with_204()
    {
        _server.AddTaskWithAnnotations(ProjectId, 1, new JsonObject { ["image"] = "a.jpg" });

        var (status, body) = await PostAsync("/api/predictions/", """{"task": 1, "result": [], "score": 0.82, "model_version": "yolo-1.0.0"}""");
        using var deleted = await _http.DeleteAsync($"/api/predictions/{body["id"]}/");
        using var again = await _http.DeleteAsync($"/api/predictions/{body["id"]}/");

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(
            ["id", "result", "model_version", "created_ago", "score", "cluster", "neighbors", "mislabeling", "created_at", "updated_at", "model", "model_run", "task", "project"],
            body.Select(p => p.Key));
        Assert.Equal((1L, 7L, 0.82), ((long)body["task"]!, (long)body["project"]!, (double)body["score"]!));
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound), (deleted.StatusCode, again.StatusCode));
        Assert.Empty(Assert.Single(_server.TasksOf(ProjectId)).Predictions);
    }

    [Fact]
    public async Task Prediction_without_a_task_or_with_a_body_that_is_not_json_is_400()
    {
        var missing = await PostAsync("/api/predictions/", """{"result": []}""");
        var garbage = await PostAsync("/api/predictions/", "{not json");

        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Equal("This field is required.", (string?)missing.Body["validation_errors"]!["task"]![0]);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.Status);
        Assert.StartsWith("JSON parse error", (string?)garbage.Body["detail"]);
    }

    private static string Task(string image) =>
        $$"""{"data": {"image": "{{image}}"}, "meta": {"source": "{{image}}"}, "predictions": [{"model_version": "v1", "score": 0.5, "result": []}]}""";

    private async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(string path, string json, HttpClient? http = null)
    {
        using var response = await (http ?? _http).PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }
}
