namespace Prelabel.Imaging.Tests.Support;

/// <summary>Which pixels of a black canvas a drawing touched.</summary>
internal static class Painted
{
    public static bool At(RgbImage image, int x, int y) => image.GetPixel(x, y) != RgbColor.Black;

    public static HashSet<(int X, int Y)> All(RgbImage image)
    {
        var painted = new HashSet<(int, int)>();
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                if (At(image, x, y)) painted.Add((x, y));
            }
        }
        return painted;
    }
}
