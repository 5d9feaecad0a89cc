namespace Prelabel.Importer.Backfill;

/// <summary>What a backfill did: <paramref name="Succeeded"/> items acted on, <paramref name="Skipped"/> left as they were, and each failure with its reason.</summary>
public sealed record BackfillSummary(string What, int Succeeded, int Skipped, IReadOnlyList<string> Failures)
{
    public override string ToString() =>
        $"{What}: {Succeeded} done, {Skipped} skipped, {Failures.Count} failed" +
        string.Concat(Failures.Select(f => Environment.NewLine + "  " + f));
}
