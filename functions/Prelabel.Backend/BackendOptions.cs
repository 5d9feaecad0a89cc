namespace Prelabel.Backend;

/// <summary>Settings of the ML backend use cases, under label-studio-ml-backend's names where it has them.</summary>
public sealed class BackendOptions
{
    /// <summary>MODEL_SCORE_THRESHOLD: regions scoring below it are dropped unless a control sets model_score_threshold.</summary>
    public double ModelScoreThreshold { get; set; } = 0.5;

    /// <summary>YOLO_IOU_THRESHOLD: boxes of one class overlapping more than this are merged by non-maximum suppression.</summary>
    public double IouThreshold { get; set; } = 0.7;

    /// <summary>PREDICTION_SCORE: confidence (default), margin or entropy.</summary>
    public PredictionScore PredictionScore { get; set; } = PredictionScore.Confidence;

    /// <summary>MAX_IMAGE_PIXELS: images with more pixels are refused from their header, before any pixel is decoded.</summary>
    public long MaxImagePixels { get; set; } = 100_000_000;

    /// <summary>Tasks of one /predict call worked on at once (PREDICT_PARALLELISM).</summary>
    public int PredictParallelism { get; set; } = 1;

    /// <summary>CLUSTER_SAMPLE_SIZE: at most this many of a project's tasks are embedded for the clusters suggested before the first annotation.</summary>
    public int ClusterSampleSize { get; set; } = 1000;
}
