using System.Net;
using System.Text.Json.Nodes;

namespace Prelabel.LabelStudio.Client.Tests;

public sealed partial class LabelStudioApiClientTests
{
    [Fact]
    public async Task Import_missing_a_data_key_is_a_permanent_400_naming_the_item_and_creates_nothing()
    {
        var tasks = new JsonArray(ImportTask("a.jpg"), new JsonObject { ["data"] = new JsonObject { ["picture"] = "b.jpg" } });

        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(() => Client().ImportTasksAsync(ProjectId, tasks));

        Assert.Equal(400, error.Status);
        Assert.False(error.IsTransient);
        Assert.StartsWith("Validation error: Error at item 1: \"image\" key is expected in task data", error.Detail);
        Assert.Contains("400 from Label Studio importing 2 tasks into project 7 (POST /api/projects/7/import): Label Studio rejected what was sent.", error.Message);
        Assert.Equal(1, _server.Requests.Count(ImportPath));
        Assert.Equal(0, _server.TaskCount(ProjectId));
    }

    [Fact]
    public async Task Import_with_a_prediction_without_result_is_a_permanent_400()
    {
        var task = ImportTask("a.jpg");
        task["predictions"]![0]!.AsObject().Remove("result");

        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(() => Client().ImportTasksAsync(ProjectId, new JsonArray(task)));

        Assert.Equal((400, false), (error.Status, error.IsTransient));
        Assert.Contains("Error at item 0: Prediction must have \"result\" fields", error.Detail);
    }

    [Fact]
    public async Task Server_error_on_import_is_transient_and_not_repeated()
    {
        _server.Faults.FailNext(ImportPath, 1, 500);

        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(() => Client().ImportTasksAsync(ProjectId, new JsonArray(ImportTask("a.jpg"))));

        Assert.Equal((500, true), (error.Status, error.IsTransient));
        Assert.Contains("500 from Label Studio importing 1 task into project 7", error.Message);
        Assert.Contains("not repeated because it may already have taken effect", error.Message);
        Assert.Equal(1, _server.Requests.Count(ImportPath));
        Assert.Empty(_delays);
    }

    [Fact]
    public async Task Rate_limited_import_waits_for_retry_after_and_creates_the_task_once()
    {
        _server.Faults.FailNext(ImportPath, 2, 429, retryAfter: TimeSpan.FromSeconds(1));

        var ids = await Client().ImportTasksAsync(ProjectId, new JsonArray(ImportTask("a.jpg")));

        Assert.Single(ids);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)], _delays);
        Assert.Equal(3, _server.Requests.Count(ImportPath));
        Assert.Equal(1, _server.TaskCount(ProjectId));
    }

    [Fact]
    public async Task Import_still_rate_limited_after_the_retries_is_transient_and_carries_retry_after()
    {
        _server.Faults.FailNext(ImportPath, 10, 429, retryAfter: TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(
            () => Client(api: o => o.MaxRetries = 1).ImportTasksAsync(ProjectId, new JsonArray(ImportTask("a.jpg"))));

        Assert.Equal((429, true, (TimeSpan?)TimeSpan.FromSeconds(1)), (error.Status, error.IsTransient, error.RetryAfter));
        Assert.Equal(2, _server.Requests.Count(ImportPath));
    }

    [Fact]
    public async Task Import_that_times_out_is_transient_with_status_0_and_not_repeated()
    {
        _server.Faults.Delay(ImportPath, TimeSpan.FromMinutes(1));

        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(
            () => Client(api: o => o.RequestTimeout = TimeSpan.FromSeconds(2)).ImportTasksAsync(ProjectId, new JsonArray(ImportTask("a.jpg"))));

        Assert.Equal((0, true), (error.Status, error.IsTransient));
        Assert.Contains("did not answer importing 1 task into project 7 within 2 s", error.Message);
        Assert.Contains("may already have taken effect", error.Message);
        Assert.Equal(1, _server.Requests.Count(ImportPath));
    }

    [Fact]
    public async Task Import_whose_answer_is_lost_after_the_commit_is_transient_and_the_task_can_be_found()
    {
        _server.Faults.DropConnectionAfterCommit(ImportPath, 1);
        var client = Client();

        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(() => client.ImportTasksAsync(ProjectId, new JsonArray(ImportTask("azure-blob://images/a.jpg"))));

        Assert.Equal((0, true), (error.Status, error.IsTransient));
        Assert.Contains("Cannot reach Label Studio importing 1 task into project 7", error.Message);
        Assert.Contains("may already have taken effect", error.Message);
        Assert.Equal(1, _server.Requests.Count(ImportPath));
        var stored = Assert.Single(_server.TasksOf(ProjectId));
        Assert.Equal([stored.Id], await client.FindTasksByDataAsync(ProjectId, "image", "azure-blob://images/a.jpg"));
    }

    [Fact]
    public async Task Import_answered_in_the_background_as_enterprise_does_fails_saying_the_task_ids_are_unknown()
    {
        var handler = new StubHandler(HttpStatusCode.Created, """{"import": 42}""");
        using var labelStudio = new LabelStudioClient(new Uri("http://label-studio.test"), new LabelStudioApiKey(_server.LegacyToken), new LabelStudioClientOptions { Transport = handler });
        var client = labelStudio.Api;

        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(() => client.ImportTasksAsync(ProjectId, new JsonArray(ImportTask("a.jpg"))));

        Assert.Equal((201, false), (error.Status, error.IsTransient));
        Assert.Contains("as background import 42 and returned no task ids", error.Message);
        Assert.Contains("look them up by their data instead of importing them again", error.Message);
    }

    [Fact]
    public async Task Import_answered_without_task_ids_fails_saying_the_tasks_probably_exist()
    {
        var handler = new StubHandler(HttpStatusCode.Created, """{"task_count": 1}""");
        using var labelStudio = new LabelStudioClient(new Uri("http://label-studio.test"), new LabelStudioApiKey(_server.LegacyToken), new LabelStudioClientOptions { Transport = handler });
        var client = labelStudio.Api;

        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(() => client.ImportTasksAsync(ProjectId, new JsonArray(ImportTask("a.jpg"))));

        Assert.False(error.IsTransient);
        Assert.Contains("accepted importing 1 task into project 7 but answered with an answer without 'task_ids'; it was probably done", error.Message);
    }

    [Fact]
    public async Task Import_into_an_unknown_project_is_a_permanent_404_naming_it()
    {
        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(() => Client().ImportTasksAsync(99, new JsonArray(ImportTask("a.jpg"))));

        Assert.Equal((404, false), (error.Status, error.IsTransient));
        Assert.Contains("project 99 does not exist", error.Message);
    }

    [Fact]
    public async Task Import_by_a_user_without_access_is_a_permanent_403_without_the_token()
    {
        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(
            () => Client(o => o.ApiKey = _server.NoPermissionToken).ImportTasksAsync(ProjectId, new JsonArray(ImportTask("a.jpg"))));

        Assert.Equal((403, false), (error.Status, error.IsTransient));
        Assert.Contains("no access to project 7", error.Message);
        Assert.DoesNotContain(_server.NoPermissionToken, error.ToString());
    }

    [Fact]
    public async Task Read_that_times_out_is_transient_and_a_bad_configuration_is_not()
    {
        _server.Faults.Delay(ProjectPath, TimeSpan.FromMinutes(1));
        var expired = _server.CreatePersonalAccessToken(TimeSpan.FromMinutes(-1));

        var timeout = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(
            () => Client(api: o => o.RequestTimeout = TimeSpan.FromMilliseconds(300)).GetProjectAsync(ProjectId));
        var configuration = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(() => Client(o => o.ApiKey = expired).GetProjectAsync(ProjectId));

        Assert.True(timeout.IsTransient);
        Assert.DoesNotContain("may already have taken effect", timeout.Message);
        Assert.False(configuration.IsTransient);
    }
}
