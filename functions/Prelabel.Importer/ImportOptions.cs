namespace Prelabel.Importer;

/// <summary>How uploads become tasks.</summary>
public sealed class ImportOptions
{
    /// <summary>IMPORT_EXTENSIONS: blob name endings taken as images; others are skipped.</summary>
    public IReadOnlyList<string> Extensions { get; init; } = [".jpg", ".jpeg", ".png", ".webp", ".gif", ".bmp"];

    /// <summary>IMPORT_CONTENT_TYPES: content types taken as images (besides an empty or octet-stream one with an image extension).</summary>
    public IReadOnlyList<string> ContentTypes { get; init; } = ["image/jpeg", "image/png", "image/webp", "image/gif", "image/bmp"];

    /// <summary>IMPORT_MAX_BYTES: larger images go to the poison queue instead of being read.</summary>
    public long MaxBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>IMPORT_MAX_DEQUEUE: deliveries of a message before a transient failure sends it to the poison queue.</summary>
    public int MaxDequeueCount { get; init; } = 5;

    /// <summary>IMPORT_RETRY_SECONDS: the first back-off before a failed message comes back (locally), doubled each delivery up to 10 minutes.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>IMPORT_LEDGER_CONTAINER: where claims record which blob became which task.</summary>
    public string LedgerContainer { get; init; } = "import-ledger";

    /// <summary>The queue BlobCreated events arrive on (host.json and the Bicep use the same name).</summary>
    public string Queue { get; init; } = "image-events";

    /// <summary>Where messages that cannot be imported go, with a reason; the Functions host's own name for it.</summary>
    public string PoisonQueue => Queue + "-poison";
}
