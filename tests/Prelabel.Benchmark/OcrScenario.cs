namespace Prelabel.Benchmark;

/// <summary>The built-in PaddleOCR detector and recogniser filling RectangleLabels "Text" and a per-region TextArea.</summary>
public sealed class OcrScenario : IBenchmarkScenario
{
    public string Title => "OCR (built-in PaddleOCR)";

    public string Regions => "text lines";

    public string LabelConfig => """
        <View><Image name="image" value="$image"/>
          <RectangleLabels name="label" toName="image"><Label value="Text"/></RectangleLabels>
          <TextArea name="transcription" toName="image" perRegion="true"/>
        </View>
        """;

    public IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    public IRawRun PrepareRaw(byte[] image) => new OcrRawRun(image);
}
