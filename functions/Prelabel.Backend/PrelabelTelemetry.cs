using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Prelabel.Backend;

/// <summary>
/// The spans and metrics Prelabel emits, through System.Diagnostics only: the host decides whether OpenTelemetry
/// exports them, and where (Application Insights, OTLP, a test's in-memory list).
/// </summary>
public static class PrelabelTelemetry
{
    /// <summary>The ActivitySource and Meter name to subscribe to.</summary>
    public const string Name = "Prelabel";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Predictions = Meter.CreateCounter<long>("prelabel.predictions", "{task}", "Tasks and uploads predicted.");

    private static readonly Counter<long> Failures = Meter.CreateCounter<long>("prelabel.prediction.failures", "{task}", "Tasks and uploads not predicted, by status.");

    private static readonly Counter<long> Refused = Meter.CreateCounter<long>("prelabel.admission.refused", "{request}", "Predictions refused with a 503 because the instance was full.");

    private static readonly Histogram<double> QueueWait = Meter.CreateHistogram<double>("prelabel.admission.wait", "ms", "Time a prediction waited for a slot.");

    public static void Predicted(string path, int count = 1) => Predictions.Add(count, new KeyValuePair<string, object?>("prelabel.path", path));

    public static void Failed(string path, BackendException error, int count = 1) => Failures.Add(count,
        new KeyValuePair<string, object?>("prelabel.path", path), new KeyValuePair<string, object?>("http.response.status_code", error.Status));

    public static void RefusedBusy() => Refused.Add(1);

    /// <summary>Recorded in the histogram and on the prediction's span.</summary>
    public static void Waited(TimeSpan wait)
    {
        QueueWait.Record(wait.TotalMilliseconds);
        Activity.Current?.SetTag("prelabel.queue_wait_ms", wait.TotalMilliseconds);
    }

    /// <summary>
    /// Runs one prediction as a span: a failure marks the span with its status and reason and counts <paramref name="tasks"/>
    /// failures under <paramref name="path"/>, since every task of the call went unanswered for that one reason.
    /// </summary>
    public static async Task<T> TraceAsync<T>(string span, string path, int tasks, object? project, Func<Activity?, Task<T>> work)
    {
        using var activity = Source.StartActivity(span);
        activity?.SetTag("prelabel.project", project);
        try
        {
            return await work(activity);
        }
        catch (BackendException e)
        {
            activity.SetFailure(e);
            Failed(path, e, tasks);
            throw;
        }
    }

    /// <summary>The stage durations of one prediction as attributes of its span, in milliseconds.</summary>
    public static void SetStages(this Activity? activity, PredictTimings timings)
    {
        if (activity is null) return;
        activity.SetTag("prelabel.fetch_ms", timings.Fetch);
        activity.SetTag("prelabel.decode_ms", timings.Decode);
        activity.SetTag("prelabel.preprocess_ms", timings.Preprocess);
        activity.SetTag("prelabel.inference_ms", timings.Inference);
        activity.SetTag("prelabel.postprocess_ms", timings.Postprocess);
    }

    /// <summary>Marks the span failed with the answer's status and reason.</summary>
    public static void SetFailure(this Activity? activity, BackendException error)
    {
        if (activity is null) return;
        activity.SetTag("http.response.status_code", error.Status);
        activity.SetStatus(ActivityStatusCode.Error, error.Message);
    }
}
