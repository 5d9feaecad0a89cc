using System.Text.Json.Nodes;

namespace Prelabel.LabelStudio.Client.Tests;

public sealed partial class LabelStudioApiClientTests
{
    private static readonly string ImportPath = $"/api/projects/{ProjectId}/import";

    [Fact]
    public async Task Import_posts_the_tasks_as_a_json_list_asking_for_task_ids_and_returns_them_in_order()
    {
        AddTasks(2);
        var tasks = new JsonArray(ImportTask("azure-blob://images/cam1/a.jpg"), ImportTask("azure-blob://images/cam1/b.jpg"));

        var ids = await Client().ImportTasksAsync(ProjectId, tasks);

        Assert.Equal([3L, 4L], ids);
        var request = Assert.Single(_server.Requests.To(ImportPath));
        Assert.Equal(("POST", "?return_task_ids=true"), (request.Method, request.QueryString));
        Assert.True(JsonNode.DeepEquals(tasks, JsonNode.Parse(request.Body!)), request.Body);
        Assert.Equal(["azure-blob://images/cam1/a.jpg", "azure-blob://images/cam1/b.jpg"], _server.TasksOf(ProjectId).Skip(2).Select(t => (string?)t.Data["image"]));
    }

    [Fact]
    public async Task Imported_tasks_are_listed_with_their_data_meta_and_predictions()
    {
        var ids = await Client().ImportTasksAsync(ProjectId, new JsonArray(ImportTask("azure-blob://images/cam1/a.jpg")));

        var task = Assert.Single(await All(Client().ListTasksAsync(ProjectId)));

        Assert.Equal(ids.Single(), task.Id);
        Assert.Equal("azure-blob://images/cam1/a.jpg", (string?)task.Data["image"]);
        Assert.Equal("cam1/a.jpg", (string?)task.Meta["source_blob"]);
        var prediction = Assert.Single(task.Predictions);
        Assert.True(prediction.Id > 0);
        Assert.Equal(("yolo-1.0.0", (double?)0.82), (prediction.ModelVersion, prediction.Score));
        Assert.True(JsonNode.DeepEquals(new JsonArray(Region("Car")), prediction.Result));
    }

    [Fact]
    public async Task Seeded_tasks_list_empty_meta_and_no_predictions()
    {
        AddTasks(1);

        var task = Assert.Single(await All(Client().ListTasksAsync(ProjectId)));

        Assert.Empty(task.Meta);
        Assert.Empty(task.Predictions);
    }

    [Fact]
    public async Task Empty_import_returns_no_ids_without_calling_label_studio()
    {
        Assert.Empty(await Client().ImportTasksAsync(ProjectId, []));
        Assert.Empty(_server.Requests.All);
    }

    [Fact]
    public async Task Personal_access_token_is_sent_as_bearer_for_an_import()
    {
        var ids = await Client(o => o.ApiKey = _server.PersonalAccessToken).ImportTasksAsync(ProjectId, new JsonArray(ImportTask("azure-blob://images/a.jpg")));

        Assert.Single(ids);
        Assert.Equal("Bearer", Assert.Single(_server.Requests.To(ImportPath)).AuthorizationScheme);
        Assert.Equal(1, _server.Requests.Count(RefreshPath));
    }

    [Fact]
    public async Task Import_rejected_for_a_revoked_access_token_is_sent_once_more_after_a_refresh_and_creates_the_task_once()
    {
        var client = Client(o => o.ApiKey = _server.PersonalAccessToken);
        await client.GetProjectAsync(ProjectId);
        _server.RevokeAccessTokens();

        var ids = await client.ImportTasksAsync(ProjectId, new JsonArray(ImportTask("azure-blob://images/a.jpg")));

        Assert.Single(ids);
        Assert.Equal(2, _server.Requests.Count(ImportPath));
        Assert.Equal(2, _server.Requests.Count(RefreshPath));
        Assert.Equal(1, _server.TaskCount(ProjectId));
    }

    [Fact]
    public async Task Tasks_are_found_by_a_data_value_across_pages()
    {
        AddTasks(5);
        _server.AddTaskWithAnnotations(ProjectId, 6, new JsonObject { ["image"] = "/data/upload/7/3.jpg" });

        var ids = await Client(pageSize: 2).FindTasksByDataAsync(ProjectId, "image", "/data/upload/7/3.jpg");

        Assert.Equal([3L, 6L], ids);
        Assert.Equal(3, _server.Requests.Count(TasksPath));
    }

    [Fact]
    public async Task Finding_a_value_no_task_holds_returns_nothing_and_other_keys_do_not_match()
    {
        _server.AddTaskWithAnnotations(ProjectId, 1, new JsonObject { ["image"] = "a.jpg", ["other"] = "b.jpg", ["number"] = 3 });

        var client = Client();

        Assert.Empty(await client.FindTasksByDataAsync(ProjectId, "image", "b.jpg"));
        Assert.Empty(await client.FindTasksByDataAsync(ProjectId, "number", "3"));
        Assert.Empty(await client.FindTasksByDataAsync(ProjectId, "image", "A.JPG"));
        Assert.Equal([1L], await client.FindTasksByDataAsync(ProjectId, "other", "b.jpg"));
    }

    private static JsonObject ImportTask(string image) => new()
    {
        ["data"] = new JsonObject { ["image"] = image },
        ["meta"] = new JsonObject { ["source_blob"] = image.Replace("azure-blob://images/", "") },
        ["predictions"] = new JsonArray(new JsonObject
        {
            ["model_version"] = "yolo-1.0.0",
            ["score"] = 0.82,
            ["result"] = new JsonArray(Region("Car")),
        }),
    };
}
