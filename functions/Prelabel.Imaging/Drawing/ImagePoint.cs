namespace Prelabel.Imaging.Drawing;

/// <summary>A point in continuous pixel coordinates: pixel (i, j) covers [i, i+1) x [j, j+1), so its centre is (i + 0.5, j + 0.5).</summary>
public readonly record struct ImagePoint(double X, double Y);
