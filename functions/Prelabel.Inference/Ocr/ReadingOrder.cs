namespace Prelabel.Inference.Ocr;

/// <summary>Orders text lines top-to-bottom, then left-to-right within a row.</summary>
public static class ReadingOrder
{
    /// <param name="sameRowTolerance">
    /// A line joins the current row when its centre is at most this many row heights below the centre of the row's first
    /// line (height = that line's <see cref="Quad.Height"/>, i.e. across its reading direction).
    /// </param>
    public static IReadOnlyList<DetectedText> Sort(IEnumerable<DetectedText> lines, float sameRowTolerance = 0.5f)
    {
        var byCenterY = lines
            .OrderBy(line => line.Box.Center.Y)
            .ThenBy(line => line.Box.MinX)
            .ToList();
        var ordered = new List<DetectedText>(byCenterY.Count);
        var row = new List<DetectedText>();
        foreach (var line in byCenterY)
        {
            if (row.Count > 0 && line.Box.Center.Y - row[0].Box.Center.Y > sameRowTolerance * row[0].Box.Height)
            {
                Flush(row, ordered);
            }

            row.Add(line);
        }

        Flush(row, ordered);
        return ordered;
    }

    private static void Flush(List<DetectedText> row, List<DetectedText> ordered)
    {
        ordered.AddRange(row.OrderBy(line => line.Box.MinX));
        row.Clear();
    }
}
