namespace Prelabel.Importer;

public enum ImportResult
{
    /// <summary>A new task was created (or found, after an unfinished delivery).</summary>
    Imported,

    /// <summary>The ledger already knew the task: a duplicate delivery.</summary>
    AlreadyImported,

    /// <summary>Nothing to do: not an image, or gone before it could be read.</summary>
    Skipped,

    /// <summary>Another delivery of the same blob holds its claim right now: look again shortly; never poisoned, as that delivery decides.</summary>
    Busy,

    /// <summary>A passing failure (Label Studio busy or down, a timeout, another delivery at work): try again later.</summary>
    Retry,

    /// <summary>It will never work as things are: to the poison queue with the reason.</summary>
    Poison,
}
