using System.Runtime.Intrinsics;

namespace Prelabel.Imaging;

/// <summary>Premultiplied RGBA to RGB24 composited on white: c + (255 - a) per channel, which never overflows since c &lt;= a.</summary>
internal static unsafe class RgbaPacking
{
    /// <summary>Packs <paramref name="pixels"/> RGBA pixels into 3 * pixels bytes at <paramref name="rgb"/>, never writing past them.</summary>
    public static void OnWhite(byte* rgba, byte* rgb, long pixels)
    {
        long i = 0;
        byte* s = rgba, d = rgb;
        if (Vector128.IsHardwareAccelerated)
        {
            var alpha = Vector128.Create((byte)3, 3, 3, 3, 7, 7, 7, 7, 11, 11, 11, 11, 15, 15, 15, 15);
            var pack = Vector128.Create((byte)0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 255, 255, 255, 255);
            var white = Vector128.Create((byte)255);
            // Four pixels per step; each store writes 16 bytes of which the next step overwrites the last 4.
            for (; i + 6 <= pixels; i += 4, s += 16, d += 12)
            {
                var v = Vector128.Load(s);
                Vector128.Shuffle(v + (white - Vector128.Shuffle(v, alpha)), pack).Store(d);
            }
        }
        for (; i < pixels; i++, s += 4, d += 3)
        {
            int white = 255 - s[3];
            d[0] = (byte)(s[0] + white);
            d[1] = (byte)(s[1] + white);
            d[2] = (byte)(s[2] + white);
        }
    }
}
