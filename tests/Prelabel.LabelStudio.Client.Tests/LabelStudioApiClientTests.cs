using System.Text.Json.Nodes;
using Prelabel.LabelStudio.TestServer;

namespace Prelabel.LabelStudio.Client.Tests;

/// <summary>Split by concern into LabelStudioApiClientTests.*.cs; every test gets its own server.</summary>
public sealed partial class LabelStudioApiClientTests : IAsyncLifetime
{
    private const long ProjectId = 7;
    private const string LabelConfig = "<View><Image name=\"image\" value=\"$image\"/><RectangleLabels name=\"label\" toName=\"image\"><Label value=\"Car\"/></RectangleLabels></View>";
    private const string TasksPath = "/api/tasks/";
    private static readonly string ProjectPath = $"/api/projects/{ProjectId}/";

    private readonly LabelStudioTestServer _server = new();
    private readonly List<LabelStudioClient> _clients = [];
    private readonly List<TimeSpan> _delays = [];

    public async Task InitializeAsync()
    {
        await _server.StartAsync();
        _server.AddProject(ProjectId, "Cars", LabelConfig);
    }

    public async Task DisposeAsync()
    {
        _clients.ForEach(c => c.Dispose());
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Project_read_returns_id_title_and_label_config()
    {
        var project = await Client().GetProjectAsync(ProjectId);

        Assert.Equal(new LabelStudioProject(ProjectId, "Cars", LabelConfig), project);
    }

    [Fact]
    public async Task Tasks_are_listed_across_several_pages_in_order()
    {
        AddTasks(5);

        var ids = await Ids(Client(pageSize: 2).ListTasksAsync(ProjectId));

        Assert.Equal([1, 2, 3, 4, 5], ids);
        Assert.Equal(
            ["?project=7&page=1&page_size=2&fields=all&resolve_uri=false", "?project=7&page=2&page_size=2&fields=all&resolve_uri=false", "?project=7&page=3&page_size=2&fields=all&resolve_uri=false"],
            _server.Requests.To(TasksPath).Select(r => r.QueryString));
    }

    [Fact]
    public async Task Listing_stops_at_the_total_without_asking_past_the_last_page()
    {
        AddTasks(4);

        var ids = await Ids(Client(pageSize: 2).ListTasksAsync(ProjectId));

        Assert.Equal([1, 2, 3, 4], ids);
        Assert.Equal(2, _server.Requests.Count(TasksPath));
    }

    [Fact]
    public async Task Page_size_cut_by_the_server_still_lists_every_task()
    {
        _server.TaskPageSizeMax = 2;
        AddTasks(5);

        var ids = await Ids(Client(pageSize: 100).ListTasksAsync(ProjectId));

        Assert.Equal([1, 2, 3, 4, 5], ids);
        Assert.Equal(3, _server.Requests.Count(TasksPath));
    }

    [Fact]
    public async Task Invalid_page_after_tasks_were_deleted_ends_the_listing()
    {
        AddTasks(4);
        var seen = new List<long>();

        await foreach (var task in Client(pageSize: 2).ListTasksAsync(ProjectId))
        {
            seen.Add(task.Id);
            _server.RemoveTask(3);
            _server.RemoveTask(4);
        }

        Assert.Equal([1, 2], seen);
        Assert.Equal(2, _server.Requests.Count(TasksPath));
    }

    [Fact]
    public async Task Project_without_tasks_lists_nothing_with_one_request()
    {
        Assert.Empty(await Ids(Client().ListTasksAsync(ProjectId)));
        Assert.Equal(1, _server.Requests.Count(TasksPath));
    }

    [Fact]
    public async Task Task_data_and_annotation_results_are_read_as_stored()
    {
        var region = Region("Car");
        _server.AddTaskWithAnnotations(ProjectId, 11, new JsonObject { ["image"] = "azure-blob://images/cam1/0001.jpg" },
            LabelStudioTestServer.Annotation(101, [region], groundTruth: true),
            LabelStudioTestServer.Annotation(102, [], wasCancelled: true));

        var task = Assert.Single(await All(Client().ListTasksAsync(ProjectId)));

        Assert.Equal(11, task.Id);
        Assert.Equal("azure-blob://images/cam1/0001.jpg", task.Data["image"]!.GetValue<string>());
        Assert.Equal([101L, 102L], task.Annotations.Select(a => a.Id));
        Assert.True(JsonNode.DeepEquals(new JsonArray(region.DeepClone()), task.Annotations[0].Result));
        Assert.True(task.Annotations[0].GroundTruth);
        Assert.False(task.Annotations[0].WasCancelled);
        Assert.True(task.Annotations[1].WasCancelled);
        Assert.Equal(101, Assert.Single(task.CompletedAnnotations).Id);
    }

    [Fact]
    public async Task Annotated_tasks_are_those_with_a_submitted_annotation_and_cancelled_ones_are_ignored()
    {
        var image = new JsonObject { ["image"] = "/data/upload/7/a.jpg" };
        _server.AddTaskWithAnnotations(ProjectId, 1, image);
        _server.AddTaskWithAnnotations(ProjectId, 2, image, LabelStudioTestServer.Annotation(20, [Region("Car")]));
        _server.AddTaskWithAnnotations(ProjectId, 3, image, LabelStudioTestServer.Annotation(30, [], wasCancelled: true));
        _server.AddTaskWithAnnotations(ProjectId, 4, image,
            LabelStudioTestServer.Annotation(40, [], wasCancelled: true), LabelStudioTestServer.Annotation(41, [Region("Car")]));
        _server.AddTaskWithAnnotations(ProjectId + 1, 5, image, LabelStudioTestServer.Annotation(50, [Region("Car")]));

        var ids = await Ids(Client(pageSize: 3).ListAnnotatedTasksAsync(ProjectId));

        Assert.Equal([2, 4], ids);
    }

    /// <param name="api">Starts from a 10 ms back-off, so retries do not slow the tests; Retry-After is waited for as sent.</param>
    private LabelStudioApiClient Client(Action<ClientSetup>? configure = null, int pageSize = 100, Action<LabelStudioClientOptions>? api = null)
    {
        var setup = new ClientSetup(_server.BaseUrl, _server.LegacyToken);
        setup.Options.PageSize = pageSize;
        setup.Options.RetryDelay = TimeSpan.FromMilliseconds(10);
        configure?.Invoke(setup);
        api?.Invoke(setup.Options);
        var client = setup.Create();
        client.RetryScheduled = delay =>
        {
            lock (_delays)
            {
                _delays.Add(delay);
            }
        };
        _clients.Add(client);
        return client.Api;
    }

    private void AddTasks(int count)
    {
        for (var id = 1; id <= count; id++)
        {
            _server.AddTaskWithAnnotations(ProjectId, id, new JsonObject { ["image"] = $"/data/upload/7/{id}.jpg" });
        }
    }

    private static JsonObject Region(string label) => new()
    {
        ["from_name"] = "label",
        ["to_name"] = "image",
        ["type"] = "rectanglelabels",
        ["original_width"] = 1920,
        ["original_height"] = 1080,
        ["value"] = new JsonObject { ["x"] = 10, ["y"] = 20, ["width"] = 30, ["height"] = 15, ["rectanglelabels"] = new JsonArray(label) },
    };

    private static async Task<List<LabelStudioTask>> All(IAsyncEnumerable<LabelStudioTask> tasks)
    {
        var list = new List<LabelStudioTask>();
        await foreach (var task in tasks)
        {
            list.Add(task);
        }

        return list;
    }

    private static async Task<long[]> Ids(IAsyncEnumerable<LabelStudioTask> tasks) => (await All(tasks)).Select(t => t.Id).ToArray();
}
