using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Prelabel.Host.Apis;
using Prelabel.Host.Hosting;

namespace Prelabel.Host.Tests;

/// <summary>
/// What an operator sees: the local server's parts, wired by AddPrelabel as in production, with an in-memory exporter
/// added beside them, answer one OCR /predict over HTTP on 127.0.0.1; its span carries the stage durations, and the
/// counters count it.
/// </summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    private const string Config = """
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="label" toName="image"><Label value="Text"/></RectangleLabels>
          <TextArea name="transcription" toName="image" perRegion="true"/>
        </View>
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("prelabel-telemetry-").FullName;
    private readonly List<Activity> _spans = [];
    private readonly List<MetricSnapshot> _metrics = [];
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        TextImage.Draw(_folder, "page.png", 600, 160, 56, ("Telemetry 42", 30, 100));
        File.WriteAllText(Path.Combine(_folder, "broken.png"), "not an image");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["LOCAL_FILES_DOCUMENT_ROOT"] = _folder, ["MODEL_DIR"] = _folder });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddPrelabel();
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddInMemoryExporter(_spans))
            .WithMetrics(metrics => metrics.AddInMemoryExporter(_metrics));
        _app = builder.Build();
        _app.UseRequestGuards();
        _app.MapMlBackendApi();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(100) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task One_predict_is_one_span_with_its_stage_durations_and_is_counted()
    {
        var (status, body, _) = await _http.PostAsync("/predict", Predict("page.png"));
        Flush();

        Assert.Equal(HttpStatusCode.OK, status);
        var span = Assert.Single(_spans, s => s.OperationName == "predict");
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        // The listener sees the whole test process, so other classes' in-process servers add spans of their own traces.
        Assert.Equal(Assert.Single(_spans, s => s.Kind == ActivityKind.Server && s.TraceId == span.TraceId).SpanId, span.ParentSpanId);
        Assert.Equal(1, span.GetTagItem("prelabel.tasks"));
        Assert.Equal((string?)body!["results"]![0]!["model_version"], span.GetTagItem("prelabel.model_version"));
        foreach (var stage in new[] { "fetch", "decode", "preprocess", "inference", "postprocess" })
            Assert.IsType<double>(span.GetTagItem($"prelabel.{stage}_ms"));
        Assert.True((double)span.GetTagItem("prelabel.inference_ms")! > 0);
        Assert.True((double)span.GetTagItem("prelabel.decode_ms")! > 0);
        Assert.IsType<double>(span.GetTagItem("prelabel.queue_wait_ms"));
        Assert.Equal(1, Sum("prelabel.predictions", "prelabel.path", "predict"));
        Assert.Equal(1, Count("prelabel.admission.wait"));
    }

    [Fact]
    public async Task A_failed_predict_is_an_error_span_and_a_failure_counted_by_status()
    {
        var (status, _, _) = await _http.PostAsync("/predict", Predict("broken.png"));
        Flush();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var span = Assert.Single(_spans, s => s.OperationName == "predict");
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Contains("unsupported image format", span.StatusDescription);
        Assert.Equal(422, span.GetTagItem("http.response.status_code"));
        Assert.Equal(1, Sum("prelabel.prediction.failures", "http.response.status_code", 422));
        Assert.Equal(0, Sum("prelabel.predictions", "prelabel.path", "predict"));
    }

    private static string Predict(string file) => new JsonObject
    {
        ["tasks"] = new JsonArray(new JsonObject { ["id"] = 1, ["data"] = new JsonObject { ["image"] = $"/data/local-files/?d={file}" } }),
        ["label_config"] = Config,
    }.ToJsonString();

    private void Flush()
    {
        _app.Services.GetRequiredService<TracerProvider>().ForceFlush();
        _app.Services.GetRequiredService<MeterProvider>().ForceFlush();
    }

    private long Sum(string metric, string tag, object value) =>
        _metrics.Where(m => m.Name == metric).SelectMany(m => m.MetricPoints).Where(p => HasTag(p, tag, value)).Select(p => p.GetSumLong()).DefaultIfEmpty(0).Max();

    private long Count(string metric) =>
        _metrics.Where(m => m.Name == metric).SelectMany(m => m.MetricPoints).Select(p => p.GetHistogramCount()).DefaultIfEmpty(0).Max();

    private static bool HasTag(MetricPoint point, string tag, object value)
    {
        foreach (var pair in point.Tags)
            if (pair.Key == tag && Equals(pair.Value, value)) return true;
        return false;
    }
}
