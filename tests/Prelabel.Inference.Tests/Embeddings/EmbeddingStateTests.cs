using Prelabel.Inference.Embeddings;

namespace Prelabel.Inference.Tests.Embeddings;

public sealed class EmbeddingStateTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("prelabel-embed-state-").FullName;

    private string StatePath => Path.Combine(_folder, "project-3", "choice.json");

    private static EmbeddingState TwoExamples() => EmbeddingState.Empty.ForModel("dinov2-0a1b2c3d")
        .WithExample(12, ["cat"], [0.1f, 0.2f, 0.3f])
        .WithExample(7, ["dog", "animal"], [1f / 3, -0.5f, float.Epsilon]);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_missing_file_loads_as_the_empty_state()
    {
        var state = EmbeddingState.Load(StatePath);

        Assert.Same(EmbeddingState.Empty, state);
        Assert.Null(state.ModelVersion);
        Assert.Empty(state.Examples);
    }

    [Fact]
    public void A_saved_state_loads_back_with_the_same_examples_bit_for_bit_and_the_same_version()
    {
        var state = TwoExamples();

        state.Save(StatePath);
        var loaded = EmbeddingState.Load(StatePath);

        Assert.Equal(state.ModelVersion, loaded.ModelVersion);
        Assert.Equal([7L, 12L], loaded.Examples.Keys);
        Assert.All(state.Examples, e =>
        {
            Assert.Equal(e.Value.Labels, loaded.Examples[e.Key].Labels);
            Assert.Equal(e.Value.Embedding, loaded.Examples[e.Key].Embedding);
        });
        Assert.Equal(state.Version, loaded.Version);
    }

    [Fact]
    public void Saving_over_a_state_replaces_it_and_leaves_no_temporary_file()
    {
        TwoExamples().Save(StatePath);
        var smaller = TwoExamples().WithoutExample(12);

        smaller.Save(StatePath);

        Assert.Equal([7L], EmbeddingState.Load(StatePath).Examples.Keys);
        Assert.Equal([StatePath], Directory.GetFiles(Path.GetDirectoryName(StatePath)!));
    }

    [Fact]
    public void The_version_changes_when_an_example_is_added_changed_or_removed()
    {
        var state = TwoExamples();
        var added = state.WithExample(30, ["cat"], [0, 0, 1]);
        var relabelled = state.WithExample(12, ["dog"], [0.1f, 0.2f, 0.3f]);
        var moved = state.WithExample(12, ["cat"], [0.1f, 0.2f, 0.31f]);
        var removed = state.WithoutExample(12);

        string[] versions = [state.Version, added.Version, relabelled.Version, moved.Version, removed.Version, EmbeddingState.Empty.Version];

        Assert.Equal(versions.Length, versions.Distinct().Count());
        Assert.All(versions, v => Assert.Matches("^[0-9a-f]{8}$", v));
    }

    [Fact]
    public void Nothing_changes_when_an_example_is_given_again_or_an_absent_one_removed()
    {
        var state = TwoExamples();

        Assert.Same(state, state.WithExample(7, ["animal", "dog", "dog"], [1f / 3, -0.5f, float.Epsilon]));
        Assert.Same(state, state.WithExample(12, ["cat"], [0.1f + 5e-7f, 0.2f, 0.3f]));
        Assert.Same(state, state.WithoutExample(99));
        Assert.Same(state, state.ForModel("dinov2-0a1b2c3d"));
        Assert.Equal(state.Version, TwoExamples().Version);
    }

    [Fact]
    public void Labels_are_kept_distinct_and_sorted()
    {
        Assert.Equal(["animal", "dog"], TwoExamples().Examples[7].Labels);
    }

    [Fact]
    public void Another_model_version_starts_from_nothing()
    {
        var state = TwoExamples().ForModel("clip-ffffffff");

        Assert.Equal("clip-ffffffff", state.ModelVersion);
        Assert.Empty(state.Examples);
        Assert.NotEqual(EmbeddingState.Empty.ForModel("dinov2-0a1b2c3d").Version, state.Version);
    }

    [Fact]
    public void Examples_need_a_model_version_labels_and_embeddings_of_one_length()
    {
        Assert.Throws<InvalidOperationException>(() => EmbeddingState.Empty.WithExample(1, ["cat"], [1, 0, 0]));
        Assert.Throws<ArgumentException>(() => TwoExamples().WithExample(1, [], [1, 0, 0]));
        Assert.Throws<ArgumentException>(() => TwoExamples().WithExample(1, ["cat"], [1, 0]));
        Assert.Throws<ArgumentException>(() => TwoExamples().WithExample(1, ["cat"], [1, float.NaN, 0]));
    }

    [Fact]
    public void The_one_example_of_a_state_may_change_length()
    {
        var state = EmbeddingState.Empty.ForModel("m-1").WithExample(1, ["cat"], [1, 0, 0]);

        Assert.Equal(2, state.WithExample(1, ["cat"], [1, 0]).Dimensions);
    }

    [Fact]
    public void The_classifier_learns_every_label_of_every_example()
    {
        var classifier = TwoExamples().WithExample(30, ["cat"], [0.3f, 0.2f, 0.1f]).Classifier();

        Assert.Equal(["animal", "cat", "dog"], classifier.Labels);
        Assert.Equal(2, classifier.Counts["cat"]);
        Assert.Equal("cat", classifier.Classify([0.2f, 0.2f, 0.2f])[0].Label);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("""{"format": 3, "model_version": "m-1", "examples": []}""")]
    [InlineData("""{"format": 2, "model_version": "m-1", "examples": [{"task": 1, "labels": ["a"], "embedding": [1]}], "clusters": [[1, 0]]}""")]
    [InlineData("""{"format": 2, "model_version": "m-1", "examples": [], "clusters": [[1, 0], [1]]}""")]
    [InlineData("""{"format": 1, "model_version": "m-1"}""")]
    [InlineData("""{"format": 1, "examples": [{"task": 1, "labels": ["a"], "embedding": [1]}]}""")]
    [InlineData("""{"format": 1, "model_version": "m-1", "examples": [{"task": 1, "labels": [], "embedding": [1]}]}""")]
    [InlineData("""{"format": 1, "model_version": "m-1", "examples": [{"task": 1, "labels": ["a"], "embedding": [1]}, {"task": 1, "labels": ["b"], "embedding": [1]}]}""")]
    [InlineData("""{"format": 1, "model_version": "m-1", "examples": [{"task": 1, "labels": ["a"], "embedding": [1]}, {"task": 2, "labels": ["b"], "embedding": [1, 2]}]}""")]
    [InlineData("""{"format": 1, "model_version": "m-1", "examples": [{"task": 1, "labels": ["a"], "embedding": "AAAA"}]}""")]
    public void A_corrupt_file_fails_naming_it(string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(StatePath)!);
        File.WriteAllText(StatePath, content);

        var error = Assert.Throws<InvalidDataException>(() => EmbeddingState.Load(StatePath));

        Assert.Contains(StatePath, error.Message);
    }

    [Fact]
    public void The_file_is_plain_json_with_snake_case_keys()
    {
        TwoExamples().Save(StatePath);

        var text = File.ReadAllText(StatePath);

        Assert.StartsWith("""{"format":2,"model_version":"dinov2-0a1b2c3d","examples":[{"task":7,"labels":["animal","dog"],"embedding":[""", text);
        Assert.EndsWith(""","clusters":[]}""", text);
    }

    [Fact]
    public void Clusters_are_saved_normalised_in_order_and_count_in_the_version()
    {
        var empty = EmbeddingState.Empty.ForModel("m-1");

        var clustered = empty.WithClusters([[3f, 4f], [0f, -2f]]);
        clustered.Save(StatePath);
        var loaded = EmbeddingState.Load(StatePath);

        Assert.NotEqual(empty.Version, clustered.Version);
        Assert.Equal(clustered.Version, loaded.Version);
        Assert.Equal([0.6f, 0.8f], loaded.Clusters[0]);
        Assert.Equal([0f, -1f], loaded.Clusters[1]);
        Assert.Same(clustered, clustered.WithClusters([[0.6f, 0.8f], [0f, -1f]]));
        Assert.NotEqual(clustered.Version, clustered.WithClusters([[0f, -1f], [0.6f, 0.8f]]).Version);
    }

    [Fact]
    public void The_nearest_cluster_is_by_direction_and_absent_without_clusters()
    {
        var state = EmbeddingState.Empty.ForModel("m-1").WithClusters([[1f, 0f], [0f, 1f], [-1f, 0f]]);

        Assert.Equal(1, state.NearestCluster([0.1f, 0.9f]));
        Assert.Equal(2, state.NearestCluster([-0.8f, 0.3f]));
        Assert.Null(EmbeddingState.Empty.ForModel("m-1").NearestCluster([1f, 0f]));
        Assert.Throws<ArgumentException>(() => state.NearestCluster([1f, 0f, 0f]));
    }

    [Fact]
    public void Examples_keep_the_clusters_and_another_model_drops_them()
    {
        var clustered = EmbeddingState.Empty.ForModel("m-1").WithClusters([[1f, 0f], [0f, 1f]]);

        var labelled = clustered.WithExample(4, ["a"], [1f, 0f]);

        Assert.Equal(2, labelled.Clusters.Count);
        Assert.Equal(2, labelled.WithoutExample(4).Clusters.Count);
        Assert.Empty(labelled.ForModel("m-2").Clusters);
        Assert.Throws<ArgumentException>(() => clustered.WithExample(5, ["a"], [1f, 0f, 0f]));
    }

    [Fact]
    public void A_format_1_file_loads_with_the_version_it_had()
    {
        var state = TwoExamples();
        Directory.CreateDirectory(Path.GetDirectoryName(StatePath)!);
        state.Save(StatePath);
        File.WriteAllText(StatePath, File.ReadAllText(StatePath).Replace("\"format\":2", "\"format\":1").Replace(",\"clusters\":[]", ""));
        Assert.DoesNotContain("clusters", File.ReadAllText(StatePath));

        Assert.Equal(state.Version, EmbeddingState.Load(StatePath).Version);
    }
}
