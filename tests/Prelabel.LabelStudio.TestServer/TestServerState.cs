using System.Collections.Concurrent;

namespace Prelabel.LabelStudio.TestServer;

/// <summary>What the fake Label Studio knows: users and tokens, tasks, storages, files and blobs.</summary>
internal sealed class TestServerState(TimeProvider time)
{
    private long _lastTaskId;
    private long _lastPredictionId;
    private long _lastAnnotationId;

    public const int ProjectMember = 1;
    public const int Outsider = 2;

    public TimeProvider Time { get; } = time;

    public TestJwt Jwt { get; } = new(time);

    public ConcurrentDictionary<string, int> LegacyTokens { get; } = new();

    public ConcurrentDictionary<string, bool> RevokedAccessTokens { get; } = new();

    public ConcurrentDictionary<string, bool> IssuedAccessTokens { get; } = new();

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public ConcurrentDictionary<long, int> TaskProjects { get; } = new();

    /// <summary>Keyed by (project, scheme, bucket); the value says whether the storage presigns.</summary>
    public ConcurrentDictionary<(int Project, string Scheme, string Bucket), bool> Storages { get; } = new();

    /// <summary>Keyed by the cloud URI, e.g. <c>azure-blob://images/cam1/0001.jpg</c>.</summary>
    public ConcurrentDictionary<string, byte[]> Blobs { get; } = new();

    /// <summary>Keyed by "project/file".</summary>
    public ConcurrentDictionary<string, byte[]> Uploads { get; } = new();

    /// <summary>Files Label Studio serves from its own LOCAL_FILES_DOCUMENT_ROOT, keyed by the ?d= path.</summary>
    public ConcurrentDictionary<string, byte[]> LocalFiles { get; } = new();

    /// <summary>Files on the blob store's origin that need no signature, keyed by path below /public/.</summary>
    public ConcurrentDictionary<string, byte[]> PublicFiles { get; } = new();

    public string? BlobStoreUrl { get; set; }

    public ConcurrentDictionary<long, SeededProject> Projects { get; } = new();

    /// <summary>Tasks with data and annotations, keyed by task id.</summary>
    public ConcurrentDictionary<long, SeededTask> Tasks { get; } = new();

    /// <summary>Label Studio's TASK_API_PAGE_SIZE_MAX: larger page_size values are cut to this.</summary>
    public int TaskPageSizeMax { get; set; } = 100;

    /// <summary>Prediction id → task id, for <c>DELETE /api/predictions/{id}/</c>.</summary>
    public ConcurrentDictionary<long, long> PredictionTasks { get; } = new();

    /// <summary>
    /// Held while creating tasks or predictions and while reading task JSON: ids are handed out once, and a JsonNode tree
    /// must not be read while another thread changes it.
    /// </summary>
    public object Gate { get; } = new();

    /// <summary>Ids for new tasks, increasing and above every task seeded or created so far; call under <see cref="Gate"/>.</summary>
    public long[] NewTaskIds(int count)
    {
        var last = Math.Max(_lastTaskId, Math.Max(Tasks.Keys.DefaultIfEmpty().Max(), TaskProjects.Keys.DefaultIfEmpty().Max()));
        var ids = Enumerable.Range(1, count).Select(i => last + i).ToArray();
        _lastTaskId = last + count;
        return ids;
    }

    /// <summary>Call under <see cref="Gate"/>.</summary>
    public long NewPredictionId() => ++_lastPredictionId;

    /// <summary>Above every seeded annotation id; call under <see cref="Gate"/>.</summary>
    public long NewAnnotationId()
    {
        var seeded = Tasks.Values.SelectMany(t => t.Annotations).Select(a => (long?)a?["id"] ?? 0).DefaultIfEmpty().Max();
        return _lastAnnotationId = Math.Max(_lastAnnotationId, seeded) + 1;
    }

    /// <summary>Signs presigned blob URLs.</summary>
    public byte[] SigningKey { get; } = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
}
