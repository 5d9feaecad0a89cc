using System.Globalization;
using System.Text;

namespace Prelabel.Benchmark;

/// <summary>The stage table: /predict stage medians, stages total, round trip, raw Run and their ratio.</summary>
public static class BenchmarkReport
{
    private static readonly string[] StageOrder = ["fetch", "decode", "preprocess", "inference", "postprocess", "serialise"];

    public static string Format(IBenchmarkScenario scenario, int imageBytes, PredictTimes predict, string rawDescription, int warmup)
    {
        var iterations = predict.RoundTrips.Count;
        var stagesTotal = Median(Enumerable.Range(0, iterations).Select(i => StageOrder.Sum(s => predict.Stages[s][i])).ToArray());
        var serverTotal = Median(predict.Stages["total"]);
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Prelabel /predict benchmark, {scenario.Title}");
        report.AppendLine(CultureInfo.InvariantCulture, $"1920x1080 JPEG ({imageBytes / 1024} KiB), {predict.Regions} {scenario.Regions}, median of {iterations} runs after {warmup} warm-up, {Environment.ProcessorCount} cores");
        report.AppendLine("stage                      ms");
        foreach (var stage in StageOrder)
            report.AppendLine(CultureInfo.InvariantCulture, $"  {stage,-24}{Median(predict.Stages[stage]),8:0.0}");
        report.AppendLine(CultureInfo.InvariantCulture, $"  {"stages total",-24}{stagesTotal,8:0.0}");
        report.AppendLine(CultureInfo.InvariantCulture, $"/predict server time       {serverTotal,8:0.0}   (Server-Timing total: the stages, the labeling config, planning, the request's JSON)");
        report.AppendLine(CultureInfo.InvariantCulture, $"/predict round trip        {Median(predict.RoundTrips),8:0.0}");
        report.AppendLine(CultureInfo.InvariantCulture, $"raw ONNX Runtime Run       {Median(predict.Raw),8:0.0}   ({rawDescription}, after each /predict)");
        report.AppendLine(CultureInfo.InvariantCulture, $"ratio server time / raw    {serverTotal / Median(predict.Raw),8:0.00}");
        report.AppendLine(CultureInfo.InvariantCulture, $"ratio round trip / raw     {Median(predict.RoundTrips) / Median(predict.Raw),8:0.00}");
        return report.ToString();
    }

    private static double Median(IReadOnlyList<double> values) => values.Order().ElementAt(values.Count / 2);
}
