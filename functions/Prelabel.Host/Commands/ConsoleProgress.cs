using Prelabel.Importer.Backfill;

namespace Prelabel.Host.Commands;

/// <summary>
/// A one-line progress bar on stderr, redrawn at most ten times a second; a counter when the total is unknown. Reports
/// may come from several threads at once (a backfill sends in parallel): the furthest one is drawn.
/// </summary>
public sealed class ConsoleProgress : IProgress<BackfillProgress>
{
    private const int Width = 30;

    private readonly Lock _lock = new();
    private DateTime _drawn = DateTime.MinValue;
    private BackfillProgress? _last;

    public void Report(BackfillProgress value)
    {
        lock (_lock)
        {
            if (_last is not null && value.Done < _last.Done) return;
            _last = value;
            if (DateTime.UtcNow - _drawn < TimeSpan.FromMilliseconds(100)) return;
            Draw(value);
        }
    }

    /// <summary>Draws the final state and ends the line.</summary>
    public void Finish()
    {
        lock (_lock)
        {
            if (_last is null) return;
            Draw(_last);
            Console.Error.WriteLine();
        }
    }

    private void Draw(BackfillProgress p)
    {
        _drawn = DateTime.UtcNow;
        var bar = p.Total is > 0 and var total
            ? "[" + new string('#', Width * Math.Min(p.Done, total) / total).PadRight(Width, '.') + $"] {p.Done}/{total}"
            : $"{p.Done} seen";
        Console.Error.Write($"\r{bar}  {p.Succeeded} done, {p.Skipped} skipped, {p.Failures.Count} failed ");
    }
}
