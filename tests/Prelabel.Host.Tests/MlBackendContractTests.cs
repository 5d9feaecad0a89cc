using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace Prelabel.Host.Tests;

/// <summary>
/// The ML backend contract over real HTTP, including the cases of label-studio-ml-backend's tests/test_api.py
/// (contract doc §7.1) replayed against this backend.
/// </summary>
public class MlBackendContractTests(BackendFixture fixture) : IClassFixture<BackendFixture>
{
    private readonly HttpClient _http = fixture.Backend.Http;

    private const string OcrConfig = """
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="label" toName="image"><Label value="Text"/></RectangleLabels>
          <TextArea name="transcription" toName="image" perRegion="true"/>
        </View>
        """;

    private static string Predict(string tasks, string config = OcrConfig) =>
        new JsonObject { ["tasks"] = JsonNode.Parse(tasks), ["label_config"] = config, ["project"] = "1.1000000000", ["params"] = new JsonObject { ["context"] = null } }.ToJsonString();

    [Theory]
    [InlineData("/")]
    [InlineData("/health")]
    public async Task Health_is_up_with_the_model_class(string path)
    {
        var (status, body) = await _http.GetJsonAsync(path);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("UP", (string?)body!["status"]);
        Assert.Equal("Prelabel", (string?)body["model_class"]);
    }

    [Fact]
    public async Task Metrics_answers_an_empty_object()
    {
        var (status, body) = await _http.GetJsonAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(body!.AsObject());
    }

    [Theory]
    [InlineData("""{"project": "1.1000000000", "schema": "<View></View>", "extra_params": {}}""")]
    [InlineData("""{"project": "1.1000000000", "schema": "<View></View>", "extra_params": "{\"a\": 1}"}""")]
    [InlineData("""{"project": "3.1746612998", "schema": "<View></View>", "hostname": "http://ls:8080", "access_token": "0123456789012345678901234567890123456789", "extra_params": null}""")]
    [InlineData("""{"schema": "<View></View>"}""")]
    [InlineData("""{"project": 42, "schema": "<View></View>", "some_new_field": [1, 2]}""")]
    [InlineData("""{}""")]
    [InlineData("")]
    public async Task Setup_answers_the_model_version_for_every_body_label_studio_sends(string body)
    {
        var (status, json, _) = await _http.PostAsync("/setup", body);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(await ModelVersion(), (string?)json!["model_version"]);
    }

    [Fact]
    public async Task Versions_lists_the_setup_model_version()
    {
        var (status, body) = await _http.GetJsonAsync("/versions");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(await ModelVersion(), (string?)Assert.Single(body!["versions"]!.AsArray()));
    }

    [Fact]
    public async Task Model_version_names_the_model_and_its_content_hash()
    {
        Assert.Matches("^PP-OCRv4-[0-9a-f]{8}$", await ModelVersion());
    }

    [Fact]
    public async Task Predict_accepts_tasks_as_an_object_and_answers_one_entry_per_task()
    {
        var (status, body, _) = await _http.PostAsync("/predict", """{"tasks": {"id": 1}, "label_config": "<View></View>", "project": "1.1000000000", "params": {"context": {}}}""");

        Assert.Equal(HttpStatusCode.OK, status);
        var entry = Assert.Single(body!["results"]!.AsArray())!;
        Assert.Empty(entry["result"]!.AsArray());
        Assert.Equal(0, (double)entry["score"]!);
        Assert.Equal(await ModelVersion(), (string?)entry["model_version"]);
    }

    [Fact]
    public async Task Webhook_acknowledges_a_training_event_with_201_within_a_second()
    {
        var clock = Stopwatch.StartNew();
        var (status, body, _) = await _http.PostAsync("/webhook", """{"action": "ANNOTATION_CREATED", "project": {"id": 1, "label_config": "<View></View>"}}""");

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("ok", (string?)body!["status"]);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("START_TRAINING", HttpStatusCode.Created)]
    [InlineData("ANNOTATIONS_DELETED", HttpStatusCode.Created)]
    [InlineData("ANNOTATION_UPDATED", HttpStatusCode.Created)]
    [InlineData("PROJECT_UPDATED", HttpStatusCode.OK)]
    [InlineData("TASKS_CREATED", HttpStatusCode.OK)]
    public async Task Webhook_answers_201_for_training_events_and_unknown_event_otherwise(string action, HttpStatusCode expected)
    {
        var (status, body, _) = await _http.PostAsync("/webhook", new JsonObject { ["action"] = action, ["project"] = new JsonObject { ["id"] = 1 } }.ToJsonString());

        Assert.Equal(expected, status);
        if (expected == HttpStatusCode.OK) Assert.Equal("Unknown event", (string?)body!["status"]);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_400_with_the_reason()
    {
        var (status, body, _) = await _http.PostAsync("/predict", "{tasks: [");

        Assert.Contains("not valid JSON", JsonHttp.AssertError(HttpStatusCode.BadRequest, status, body));
    }

    [Fact]
    public async Task Predict_without_tasks_is_a_400()
    {
        var (status, body, _) = await _http.PostAsync("/predict", """{"label_config": "<View></View>"}""");

        Assert.Contains("no \"tasks\"", JsonHttp.AssertError(HttpStatusCode.BadRequest, status, body));
    }

    [Fact]
    public async Task An_invalid_labeling_config_is_a_400_with_the_parser_reason()
    {
        var (status, body, _) = await _http.PostAsync("/predict", Predict("""[{"id": 1, "data": {"image": "x"}}]""", "<View><Image"));

        Assert.Contains("not valid XML", JsonHttp.AssertError(HttpStatusCode.BadRequest, status, body));
    }

    [Fact]
    public async Task An_unknown_data_key_names_the_key_and_the_keys_the_task_has()
    {
        var (status, body, _) = await _http.PostAsync("/predict", Predict("""[{"id": 7, "data": {"img": "/data/upload/1/a.png"}}]"""));

        var detail = JsonHttp.AssertError(HttpStatusCode.BadRequest, status, body);
        Assert.Contains("Task 7 has no \"image\"", detail);
        Assert.Contains("img", detail);
    }

    [Fact]
    public async Task A_config_without_a_usable_control_says_what_the_model_fills_and_what_was_found()
    {
        const string config = """<View><Image name="image" value="$image"/><RectangleLabels name="label" toName="image"><Label value="Car"/></RectangleLabels></View>""";

        var (status, body, _) = await _http.PostAsync("/predict", Predict("""[{"id": 1, "data": {"image": "/data/upload/1/a.png"}}]""", config));

        var detail = JsonHttp.AssertError(HttpStatusCode.UnprocessableEntity, status, body);
        Assert.Contains("No suitable control tags", detail);
        Assert.Contains("<RectangleLabels name=\"label\"> needs a detect model", detail);
    }

    [Fact]
    public async Task A_bad_attribute_value_is_a_422_naming_the_tag()
    {
        const string config = """<View><Image name="image" value="$image"/><RectangleLabels name="label" toName="image" model_score_threshold="high"><Label value="Text"/></RectangleLabels></View>""";

        var (status, body, _) = await _http.PostAsync("/predict", Predict("""[{"id": 1, "data": {"image": "/data/upload/1/a.png"}}]""", config));

        Assert.Contains("model_score_threshold=\"high\"", JsonHttp.AssertError(HttpStatusCode.UnprocessableEntity, status, body));
    }

    [Fact]
    public async Task An_unreachable_image_says_why()
    {
        var (status, body, _) = await _http.PostAsync("/predict", Predict("""[{"id": 1, "data": {"image": "/data/upload/1/a.png"}}]"""));

        var detail = JsonHttp.AssertError(HttpStatusCode.BadGateway, status, body);
        Assert.Contains("LABEL_STUDIO_URL", detail);
    }

    [Fact]
    public async Task An_unknown_route_is_a_json_404_listing_the_routes()
    {
        var (status, body) = await _http.GetJsonAsync("/train");

        Assert.Contains("POST /predict", JsonHttp.AssertError(HttpStatusCode.NotFound, status, body));
    }

    [Fact]
    public async Task A_wrong_method_is_a_json_405()
    {
        var (status, body) = await _http.GetJsonAsync("/predict");

        JsonHttp.AssertError(HttpStatusCode.MethodNotAllowed, status, body);
    }

    private async Task<string> ModelVersion()
    {
        var (_, body, _) = await _http.PostAsync("/setup", """{"project": "1.1", "schema": "<View></View>"}""");
        return (string)body!["model_version"]!;
    }
}
