namespace Prelabel.Benchmark;

/// <summary>One model behind /predict: the labeling config that selects it, the handler settings it needs, its raw Run.</summary>
public interface IBenchmarkScenario
{
    string Title { get; }

    /// <summary>What the rectangles /predict returns are, for the heading ("text lines", "boxes").</summary>
    string Regions { get; }

    string LabelConfig { get; }

    /// <summary>Environment for the handler besides the Label Studio URL and key.</summary>
    IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>Sessions and input tensors for ONNX Runtime's Run alone on the image /predict gets.</summary>
    IRawRun PrepareRaw(byte[] image);
}

/// <summary>One iteration of ONNX Runtime Run calls with everything else done beforehand.</summary>
public interface IRawRun : IDisposable
{
    /// <summary>What one iteration runs on, for the table.</summary>
    string Description { get; }

    void Run();
}
