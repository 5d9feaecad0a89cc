namespace Prelabel.Imaging;

/// <summary>Applies an EXIF orientation (1-8) to stored pixels so they come out as displayed.</summary>
internal static unsafe class OrientationTransform
{
    private const int Tile = 64; // pixels; keeps the strided side of a rotation inside the cache

    public static bool SwapsAxes(int orientation) => orientation is >= 5 and <= 8;

    public static RgbImage Apply(RgbImage src, int orientation)
    {
        if (orientation is < 2 or > 8) return src;
        int sw = src.Width, sh = src.Height, s = src.Stride;
        bool swap = SwapsAxes(orientation);
        int dw = swap ? sh : sw, dh = swap ? sw : sh;
        // Source byte offset of destination pixel (dx, dy) = origin + dx * ax + dy * ay.
        (long origin, long ax, long ay) = orientation switch
        {
            2 => ((sw - 1) * 3L, -3L, (long)s),                       // mirror horizontally
            3 => ((sh - 1L) * s + (sw - 1) * 3L, -3L, -(long)s),      // rotate 180
            4 => ((sh - 1L) * s, 3L, -(long)s),                       // mirror vertically
            5 => (0L, (long)s, 3L),                                   // transpose
            6 => ((sh - 1L) * s, -(long)s, 3L),                       // rotate 90 clockwise
            7 => ((sh - 1L) * s + (sw - 1) * 3L, -(long)s, -3L),      // transverse
            _ => ((sw - 1) * 3L, (long)s, -3L),                       // 8: rotate 90 counter-clockwise
        };
        var dst = RgbImage.CreateUninitialized(dw, dh);
        int ds = dst.Stride;
        fixed (byte* sp = src.Pixels)
        fixed (byte* dp = dst.Pixels)
        {
            for (int ty = 0; ty < dh; ty += Tile)
            {
                int yEnd = Math.Min(dh, ty + Tile);
                for (int tx = 0; tx < dw; tx += Tile)
                {
                    int xEnd = Math.Min(dw, tx + Tile);
                    for (int dy = ty; dy < yEnd; dy++)
                    {
                        byte* from = sp + origin + tx * ax + dy * ay;
                        byte* to = dp + (long)dy * ds + tx * 3L;
                        for (int dx = tx; dx < xEnd; dx++)
                        {
                            to[0] = from[0];
                            to[1] = from[1];
                            to[2] = from[2];
                            to += 3;
                            from += ax;
                        }
                    }
                }
            }
        }
        return dst;
    }
}
