namespace Prelabel.Importer;

public enum LedgerStatus
{
    /// <summary>First delivery: claimed and held; no task can exist yet.</summary>
    New,

    /// <summary>Claimed before by a delivery that did not finish: a task may exist, so look for it before importing.</summary>
    Unfinished,

    /// <summary>Done: the blob already became a task.</summary>
    Imported,

    /// <summary>Another delivery holds the claim right now.</summary>
    Busy,
}
