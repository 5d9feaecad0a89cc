namespace Prelabel.Importer;

/// <summary>What to do with the queue message: delete it (done, skipped or poisoned), or let it come back after a delay.</summary>
public sealed record MessageFate(bool Complete, TimeSpan RetryAfter, ImportOutcome Outcome)
{
    public static MessageFate Done(ImportOutcome outcome) => new(true, TimeSpan.Zero, outcome);

    public static MessageFate Later(ImportOutcome outcome, TimeSpan after) => new(false, after, outcome);
}
