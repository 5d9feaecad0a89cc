namespace Prelabel.Importer.Backfill;

/// <summary>How far a backfill got: items done so far, of how many when known, and what went wrong with which.</summary>
public sealed record BackfillProgress(int Done, int? Total, int Succeeded, int Skipped, IReadOnlyList<string> Failures);
