namespace Prelabel.Importer;

/// <summary>What became of one blob event: per project, folded into one answer for the message.</summary>
public sealed record ImportOutcome(ImportResult Result, string Reason, IReadOnlyList<long> TaskIds, TimeSpan? RetryAfter = null)
{
    public static ImportOutcome Imported(long taskId, string reason) => new(ImportResult.Imported, reason, [taskId]);

    public static ImportOutcome AlreadyImported(long taskId) =>
        new(ImportResult.AlreadyImported, taskId > 0 ? $"already task {taskId}" : "already written as a task file", [taskId]);

    public static ImportOutcome Skipped(string reason) => new(ImportResult.Skipped, reason, []);

    public static ImportOutcome Retry(string reason, TimeSpan? after = null) => new(ImportResult.Retry, reason, [], after);

    public static ImportOutcome Busy(string reason) => new(ImportResult.Busy, reason, []);

    public static ImportOutcome Poison(string reason) => new(ImportResult.Poison, reason, []);

    /// <summary>
    /// One outcome for a blob that feeds several projects: the message must come back while any project can still
    /// succeed (the ledger keeps the done ones from repeating), and goes to the poison queue only when nothing is left to retry.
    /// </summary>
    public static ImportOutcome Combine(IReadOnlyList<(long Project, ImportOutcome Outcome)> outcomes)
    {
        if (outcomes.Count == 1) return outcomes[0].Outcome;
        var worst = new[] { ImportResult.Retry, ImportResult.Busy, ImportResult.Poison, ImportResult.Imported, ImportResult.AlreadyImported, ImportResult.Skipped }
            .First(r => outcomes.Any(o => o.Outcome.Result == r));
        var reason = string.Join("; ", outcomes.Select(o => $"project {o.Project}: {o.Outcome.Reason}"));
        var retryAfter = outcomes.Select(o => o.Outcome.RetryAfter).Max();
        return new ImportOutcome(worst, reason, [.. outcomes.SelectMany(o => o.Outcome.TaskIds)], retryAfter);
    }
}
