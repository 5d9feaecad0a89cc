using System.Globalization;
using Prelabel.Backend;

namespace Prelabel.Host.Apis;

/// <summary>The W3C Server-Timing header: milliseconds per /predict stage, readable in browser dev tools and by the benchmark.</summary>
public static class ServerTiming
{
    /// <param name="total">The whole call from reading the request to its serialised answer: the stages plus reading the
    /// labeling config, planning and the request's JSON.</param>
    public static string Format(PredictTimings t, double serialise, double total) => string.Join(", ",
        new (string Name, double Ms)[]
        {
            ("fetch", t.Fetch), ("decode", t.Decode), ("preprocess", t.Preprocess), ("inference", t.Inference),
            ("postprocess", t.Postprocess), ("serialise", serialise), ("total", total),
        }.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name};dur={s.Ms:0.###}")));

    public static IReadOnlyDictionary<string, double> Parse(string header) =>
        header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split(";dur="))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));
}
