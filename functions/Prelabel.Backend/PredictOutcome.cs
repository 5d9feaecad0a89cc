using Prelabel.LabelStudio.Predictions;

namespace Prelabel.Backend;

public sealed record PredictOutcome(ModelResponse Response, PredictTimings Timings);
