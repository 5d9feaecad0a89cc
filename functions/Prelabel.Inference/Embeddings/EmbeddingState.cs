using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Prelabel.Inference.Embeddings;

/// <summary>
/// What has been learned for one project and one control: the labelled examples by task id, embedded by one backbone,
/// and the k-means clusters of the project's images that stand in while nothing is labelled. Examples rather than
/// centroids are kept because an annotation that is changed or deleted must take back exactly its own contribution.
/// Immutable: every change returns a new state, and an unchanged one is returned as is, so <see cref="Version"/> moves
/// only with the content.
/// </summary>
public sealed class EmbeddingState
{
    private const int Format = 2;

    /// <summary>Embedding values closer than this count as equal (unit vectors; float32 keeps about 7 digits).</summary>
    private const float SameValue = 1e-6f;

    private static readonly JsonSerializerOptions s_json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly Lazy<string> _version;
    private readonly Lazy<CentroidClassifier> _classifier;

    private EmbeddingState(string? modelVersion, ImmutableSortedDictionary<long, LabelledExample> examples, IReadOnlyList<float[]>? clusters = null)
    {
        ModelVersion = modelVersion;
        Examples = examples;
        Clusters = clusters ?? [];
        _version = new Lazy<string>(ContentHash);
        // The state never changes, so its centroids are worked out once, not on every prediction.
        _classifier = new Lazy<CentroidClassifier>(() => new(Examples.Values.SelectMany(e => e.Labels.Select(l => (l, e.Embedding)))));
    }

    /// <summary>Nothing learned, for no backbone yet.</summary>
    public static EmbeddingState Empty { get; } = new(null, ImmutableSortedDictionary<long, LabelledExample>.Empty);

    /// <summary>The <see cref="EmbeddingModel.ModelVersion"/> that made the embeddings; null while there are none.</summary>
    public string? ModelVersion { get; }

    /// <summary>Labelled examples by Label Studio task id, in id order.</summary>
    public IReadOnlyDictionary<long, LabelledExample> Examples { get; }

    /// <summary>
    /// Unit-length k-means centroids of the project's images, largest cluster first; empty until clustered. They are
    /// only suggestions while <see cref="Examples"/> is empty: labels beat clusters as soon as there are any.
    /// </summary>
    public IReadOnlyList<float[]> Clusters { get; }

    /// <summary>Embedding length, or null when there are no examples and no clusters.</summary>
    public int? Dimensions => Examples.Values.FirstOrDefault()?.Embedding.Length ?? Clusters.FirstOrDefault()?.Length;

    /// <summary>The first 8 hex digits of a SHA-256 over the model version and every example.</summary>
    public string Version => _version.Value;

    /// <summary>
    /// This state when it was made by <paramref name="modelVersion"/>; otherwise an empty state for it, because
    /// embeddings of another backbone (or another export of it) cannot be compared with new ones.
    /// </summary>
    public EmbeddingState ForModel(string modelVersion)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelVersion);
        return modelVersion == ModelVersion ? this : new EmbeddingState(modelVersion, ImmutableSortedDictionary<long, LabelledExample>.Empty);
    }

    /// <summary>This state with <paramref name="centroids"/> (normalised, in the given order) as its clusters.</summary>
    /// <exception cref="ArgumentException">Centroids of another length than the examples', or not finite.</exception>
    public EmbeddingState WithClusters(IReadOnlyList<float[]> centroids)
    {
        ArgumentNullException.ThrowIfNull(centroids);
        if (ModelVersion is null)
        {
            throw new InvalidOperationException("Say which model made the embeddings (ForModel) before adding clusters.");
        }

        var dimensions = Examples.Values.FirstOrDefault()?.Embedding.Length ?? centroids.FirstOrDefault()?.Length;
        if (centroids.Any(c => c is null || c.Length == 0 || c.Length != dimensions || !c.All(float.IsFinite)))
        {
            throw new ArgumentException($"Every centroid must have {dimensions} finite values.", nameof(centroids));
        }

        float[][] normalised = [.. centroids.Select(c => Vectors.Normalized(c))];
        return normalised.Length == Clusters.Count && normalised.Zip(Clusters).All(p => Same(p.First, p.Second))
            ? this
            : new EmbeddingState(ModelVersion, Sorted, normalised);
    }

    /// <summary>The index of the cluster nearest to <paramref name="embedding"/>, or null when there are no clusters.</summary>
    public int? NearestCluster(float[] embedding)
    {
        ArgumentNullException.ThrowIfNull(embedding);
        if (Clusters.Count == 0)
        {
            return null;
        }

        if (embedding.Length != Clusters[0].Length)
        {
            throw new ArgumentException($"The embedding has {embedding.Length} values; the clusters have {Clusters[0].Length}.", nameof(embedding));
        }

        return Enumerable.Range(0, Clusters.Count).MinBy(c => Vectors.SquaredDistance(embedding, Clusters[c]));
    }

    /// <summary>
    /// Adds or replaces the example of a task; labels are de-duplicated and sorted. The same labels with an embedding
    /// equal to within 1e-6 per value leave the state as it is.
    /// </summary>
    /// <exception cref="InvalidOperationException">No model version yet (call <see cref="ForModel"/> first).</exception>
    /// <exception cref="ArgumentException">No labels, or an embedding of another length than the others, or not finite.</exception>
    public EmbeddingState WithExample(long taskId, IEnumerable<string> labels, float[] embedding)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(embedding);
        if (ModelVersion is null)
        {
            throw new InvalidOperationException("Say which model made the embeddings (ForModel) before adding examples.");
        }

        string[] sorted = [.. labels.Select(l => l ?? throw new ArgumentException("A label is null.", nameof(labels))).Distinct().Order(StringComparer.Ordinal)];
        if (sorted.Length == 0)
        {
            throw new ArgumentException($"Task {taskId} has no labels; remove its example instead.", nameof(labels));
        }

        var others = Examples.Where(e => e.Key != taskId).Select(e => e.Value.Embedding.Length).FirstOrDefault(Clusters.FirstOrDefault()?.Length ?? embedding.Length);
        if (embedding.Length == 0 || embedding.Length != others || !embedding.All(float.IsFinite))
        {
            throw new ArgumentException($"The embedding of task {taskId} has {embedding.Length} values where the others have {others}, or is not finite.", nameof(embedding));
        }

        var example = new LabelledExample(sorted, (float[])embedding.Clone());
        return Examples.TryGetValue(taskId, out var existing) && Same(existing, example)
            ? this
            : new EmbeddingState(ModelVersion, Sorted.SetItem(taskId, example), Clusters);
    }

    public EmbeddingState WithoutExample(long taskId) =>
        Examples.ContainsKey(taskId) ? new EmbeddingState(ModelVersion, Sorted.Remove(taskId), Clusters) : this;

    /// <summary>A classifier over the examples, each counted once for every label it has.</summary>
    public CentroidClassifier Classifier() => _classifier.Value;

    /// <summary>Writes the state as JSON through a temporary file in the same folder, so a reader never sees half a file.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = $"{full}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllBytes(temp, ToJson());
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>The state as the UTF-8 JSON <see cref="Save"/> writes and <see cref="FromJson"/> reads.</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(
        new StateFile(Format, ModelVersion, [.. Examples.Select(e => new ExampleFile(e.Key, [.. e.Value.Labels], e.Value.Embedding))], [.. Clusters]), s_json);

    /// <summary>The state saved at <paramref name="path"/>, or <see cref="Empty"/> when there is no file yet.</summary>
    /// <exception cref="InvalidDataException">The file is not a state this version can read.</exception>
    public static EmbeddingState Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Empty;
        }

        return FromJson(bytes, path);
    }

    /// <summary>A state from the JSON of <see cref="ToJson"/>.</summary>
    /// <param name="source">Names where the bytes came from in the error.</param>
    /// <exception cref="InvalidDataException">The bytes are not a state this version can read.</exception>
    public static EmbeddingState FromJson(ReadOnlySpan<byte> bytes, string source)
    {
        try
        {
            var file = JsonSerializer.Deserialize<StateFile>(bytes, s_json) ?? throw new JsonException("the file holds null");
            // Format 1 is format 2 without clusters.
            if (file.Format is not (1 or Format))
            {
                throw new JsonException($"format {file.Format} is not one of the supported 1 and {Format}");
            }

            var state = file.ModelVersion is null ? Empty : Empty.ForModel(file.ModelVersion);
            foreach (var example in file.Examples ?? throw new JsonException("examples are missing"))
            {
                if (state.Examples.ContainsKey(example.Task))
                {
                    throw new JsonException($"task {example.Task} appears twice");
                }

                state = state.WithExample(example.Task, example.Labels ?? [], example.Embedding ?? []);
            }

            return file.Clusters is { Length: > 0 } clusters ? state.WithClusters(clusters) : state;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            throw new InvalidDataException($"The embedding state {source} is corrupt or not an embedding state: {e.Message}", e);
        }
    }

    private ImmutableSortedDictionary<long, LabelledExample> Sorted => (ImmutableSortedDictionary<long, LabelledExample>)Examples;

    // ONNX Runtime may differ in the last bit between runs on the same image; re-embedding it is not a change.
    private static bool Same(LabelledExample a, LabelledExample b) =>
        a.Labels.SequenceEqual(b.Labels, StringComparer.Ordinal) && Same(a.Embedding, b.Embedding);

    private static bool Same(float[] a, float[] b) =>
        a.Length == b.Length && a.Zip(b).All(p => Math.Abs(p.First - p.Second) <= SameValue);

    // Length-prefixed fields so no two different states write the same bytes.
    private string ContentHash()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Text(string? text)
        {
            var bytes = text is null ? [] : Encoding.UTF8.GetBytes(text);
            hash.AppendData(BitConverter.GetBytes(text is null ? -1 : bytes.Length));
            hash.AppendData(bytes);
        }

        Text(ModelVersion);
        foreach (var (task, example) in Examples)
        {
            hash.AppendData(BitConverter.GetBytes(task));
            hash.AppendData(BitConverter.GetBytes(example.Labels.Count));
            foreach (var label in example.Labels)
            {
                Text(label);
            }

            hash.AppendData(BitConverter.GetBytes(example.Embedding.Length));
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(example.Embedding.AsSpan()));
        }

        // Nothing is added without clusters, so a state saved before clusters existed keeps its version.
        foreach (var centroid in Clusters)
        {
            hash.AppendData(BitConverter.GetBytes(-centroid.Length));
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(centroid.AsSpan()));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..8];
    }

    private sealed record StateFile(int Format, string? ModelVersion, ExampleFile[]? Examples, float[][]? Clusters = null);

    private sealed record ExampleFile(long Task, string[]? Labels, float[]? Embedding);
}
