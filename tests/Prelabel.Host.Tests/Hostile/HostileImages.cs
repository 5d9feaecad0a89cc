using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;
using SkiaSharp;

namespace Prelabel.Host.Tests.Hostile;

/// <summary>
/// Image bytes good and bad, by name: files ImageMagick draws once, and headers, chunks and segments edited by hand
/// from them. <see cref="Cases"/> says what each must give.
/// </summary>
public sealed class HostileImages
{
    /// <summary>An image case: its name, the status /predict must answer (200: a prediction) and words its reason must hold.</summary>
    public sealed record ImageCase(string Name, int Status, params string[] Reason);

    private static readonly string[] Quadrants =
        ["-size", "32x24", "xc:red", "-size", "32x24", "xc:lime", "+append", "(", "-size", "32x24", "xc:blue", "-size", "32x24", "xc:white", "+append", ")", "-append"];

    /// <summary>MAX_IMAGE_PIXELS of the servers under test, below the default, so the 64 MP case shows the setting reaches every model.</summary>
    public const int MaxImagePixels = 50_000_000;

    private const string Unsupported = "unsupported image format";
    private const string Corrupt = "corrupt";

    public static readonly ImageCase[] Cases =
    [
        // What cameras, phones, scanners and editors write: all must be predicted.
        new("png", 200), new("jpeg", 200), new("jpeg-progressive", 200), new("jpeg-grey", 200), new("jpeg-cmyk", 200),
        new("jpeg-q1", 200), new("png-16bit", 200), new("png-grey", 200), new("png-grey-alpha", 200), new("png-rgba", 200),
        new("png-palette", 200), new("png-palette-alpha", 200), new("png-interlaced", 200), new("png-1bit", 200),
        new("gif", 200), new("gif-animated", 200), new("bmp", 200), new("bmp-top-down", 200), new("webp", 200),
        new("webp-lossless", 200), new("png-1x1", 200), new("png-100000x1", 200), new("png-1x100000", 200),
        new("jpeg-exif-1", 200), new("jpeg-exif-2", 200), new("jpeg-exif-3", 200), new("jpeg-exif-4", 200),
        new("jpeg-exif-5", 200), new("jpeg-exif-6", 200), new("jpeg-exif-7", 200), new("jpeg-exif-8", 200),
        new("jpeg-exif-0", 200), new("jpeg-exif-9", 200), new("jpeg-exif-65535", 200),
        new("png-huge-text", 200), new("png-ztxt-bomb", 200), new("jpeg-huge-exif", 200), new("png-40-megapixels", 200),

        // Not images, or images Prelabel does not read: the reason names the format.
        new("empty", 422, "empty"), new("text", 422, Unsupported, "unrecognised"), new("html", 422, Unsupported, "HTML"),
        new("svg", 422, Unsupported, "SVG"), new("heic", 422, Unsupported, "HEIC"), new("avif", 422, Unsupported, "AVIF"),
        new("tiff", 422, Unsupported, "TIFF"), new("pdf", 422, Unsupported, "PDF"), new("ico", 422, Unsupported, "ICO"),
        new("psd", 422, Unsupported), new("jpeg-xl", 422, Unsupported, "JPEG XL"),

        // Cut short or damaged: an error, never a half image.
        new("jpeg-truncated", 422, "JPEG"), new("png-truncated", 422, "PNG"), new("gif-truncated", 422, "GIF"),
        new("webp-truncated", 422, "WebP"), new("bmp-truncated", 422, "BMP"), new("png-header-only", 422, "PNG"),
        new("jpeg-soi-only", 422, "JPEG"), new("png-signature-garbage", 422, "PNG"), new("jpeg-garbage", 422, "JPEG"),
        new("png-bad-crc-ihdr", 422, "PNG"), new("png-bad-crc-idat", 422, "PNG"),
        new("png-lying-dimensions", 422, "PNG", Corrupt),

        // Decompression bombs and empty canvases, refused from the header before any pixel buffer exists.
        new("png-64-megapixels", 422, "PNG", $"over the limit of {MaxImagePixels}"),
        new("jpeg-bomb", 422, "JPEG", "over the limit"), new("png-bomb", 422, "PNG", "over the limit"),
        new("gif-bomb", 422, "GIF"), new("bmp-bomb", 422, "BMP"), new("webp-bomb", 422, "WebP", "over the limit"),
        new("png-bomb-wide", 422, "PNG"), new("png-zero-width", 422, "PNG"), new("png-zero-height", 422, "PNG"),
        new("jpeg-zero-width", 422, "JPEG"), new("gif-zero", 422, "GIF"), new("bmp-zero", 422, "BMP"),
    ];

    private readonly Dictionary<string, byte[]> _bytes;

    private HostileImages(Dictionary<string, byte[]> bytes) => _bytes = bytes;

    public byte[] this[string name] => _bytes[name];

    public bool TryGet(string name, out byte[] bytes) => _bytes.TryGetValue(name, out bytes!);

    public static HostileImages Make(string folder)
    {
        Directory.CreateDirectory(folder);
        byte[] Draw(string file, params string[] args) => DrawAs("", file, args);
        byte[] DrawAs(string format, string file, params string[] args)
        {
            var path = Path.Combine(folder, file);
            ImageMagick.Convert([.. args, format + path]);
            return File.ReadAllBytes(path);
        }

        var png = Draw("q.png", Quadrants);
        var jpeg = Draw("q.jpg", [.. Quadrants, "-quality", "90"]);
        var gif = Draw("q.gif", Quadrants);
        var bmp = Draw("q.bmp", Quadrants);
        var webp = Draw("q.webp", [.. Quadrants, "-quality", "90"]);
        var b = new Dictionary<string, byte[]>
        {
            ["png"] = png, ["jpeg"] = jpeg, ["gif"] = gif, ["bmp"] = bmp, ["webp"] = webp,
            ["jpeg-progressive"] = Draw("p.jpg", [.. Quadrants, "-interlace", "JPEG"]),
            ["jpeg-grey"] = Draw("g.jpg", [.. Quadrants, "-colorspace", "Gray"]),
            ["jpeg-cmyk"] = Draw("c.jpg", [.. Quadrants, "-colorspace", "CMYK"]),
            ["jpeg-q1"] = Draw("q1.jpg", [.. Quadrants, "-quality", "1"]),
            ["png-16bit"] = Draw("16.png", [.. Quadrants, "-depth", "16"]),
            ["png-grey"] = Draw("g.png", [.. Quadrants, "-colorspace", "Gray"]),
            ["png-grey-alpha"] = Draw("ga.png", [.. Quadrants, "-colorspace", "Gray", "-alpha", "set", "-channel", "A", "-evaluate", "set", "50%", "+channel"]),
            ["png-rgba"] = Draw("a.png", [.. Quadrants, "-alpha", "set", "-channel", "A", "-evaluate", "set", "50%", "+channel"]),
            ["png-interlaced"] = Draw("i.png", [.. Quadrants, "-interlace", "PNG"]),
            ["png-1bit"] = Draw("1.png", [.. Quadrants, "-monochrome"]),
            ["gif-animated"] = Draw("anim.gif", ["-delay", "10", "-size", "64x48", "xc:red", "-size", "64x48", "xc:blue"]),
            ["webp-lossless"] = Draw("l.webp", [.. Quadrants, "-define", "webp:lossless=true"]),
            ["png-1x1"] = Draw("1x1.png", ["-size", "1x1", "xc:red"]),
            // Past ImageMagick's size policy: SkiaSharp draws these.
            ["png-100000x1"] = SolidPng(100_000, 1),
            ["png-1x100000"] = SolidPng(1, 100_000),
            ["png-40-megapixels"] = SolidPng(6320, 6320),
            ["png-64-megapixels"] = SolidPng(8000, 8000),
        };
        b["png-palette"] = DrawAs("PNG8:", "p8.png", Path.Combine(folder, "q.png"));
        b["png-palette-alpha"] = DrawAs("PNG8:", "p8a.png", Path.Combine(folder, "a.png"));
        b["bmp-top-down"] = BmpTopDown(bmp);
        for (var o = 1; o <= 8; o++) b[$"jpeg-exif-{o}"] = ExifOrientation.Add(jpeg, o);
        foreach (var o in new[] { 0, 9, 65535 }) b[$"jpeg-exif-{o}"] = ExifOrientation.Add(jpeg, o);
        b["png-huge-text"] = InsertChunk(png, "tEXt", [.. "Comment\0"u8, .. Enumerable.Repeat((byte)'x', 4 * 1024 * 1024)]);
        b["png-ztxt-bomb"] = InsertChunk(png, "zTXt", [.. "Comment\0\0"u8, .. DeflatedZeros(256)]);
        b["jpeg-huge-exif"] = HugeExif(jpeg);

        b["empty"] = [];
        b["text"] = "hello, this is not an image"u8.ToArray();
        b["html"] = "<!doctype html><html><body>not an image</body></html>"u8.ToArray();
        b["svg"] = """<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>"""u8.ToArray();
        b["heic"] = [0, 0, 0, 0x18, .. "ftypheic\0\0\0\0mif1heic"u8, .. new byte[64]];
        b["avif"] = [0, 0, 0, 0x1C, .. "ftypavif\0\0\0\0avifmif1miaf"u8, .. new byte[64]];
        b["tiff"] = [.. "II*\0"u8, 8, 0, 0, 0, .. new byte[64]];
        b["pdf"] = "%PDF-1.7\n1 0 obj << >> endobj\n"u8.ToArray();
        b["ico"] = [0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0, .. new byte[64]];
        b["psd"] = [.. "8BPS"u8, 0, 1, .. new byte[64]];
        b["jpeg-xl"] = [0xFF, 0x0A, .. new byte[64]];

        b["jpeg-truncated"] = jpeg[..(jpeg.Length / 2)];
        b["png-truncated"] = png[..(png.Length / 2)];
        b["gif-truncated"] = gif[..(gif.Length / 2)];
        b["webp-truncated"] = webp[..(webp.Length / 2)];
        b["bmp-truncated"] = bmp[..(bmp.Length / 2)];
        b["png-header-only"] = png[..33];
        b["jpeg-soi-only"] = [0xFF, 0xD8, 0xFF, 0xD9];
        b["png-signature-garbage"] = [.. png[..8], .. Enumerable.Range(0, 256).Select(i => (byte)(i * 37))];
        b["jpeg-garbage"] = [0xFF, 0xD8, 0xFF, .. Enumerable.Range(0, 256).Select(i => (byte)(i * 37))];
        b["png-bad-crc-ihdr"] = Edit(png, p => p[29] ^= 0xFF);
        b["png-bad-crc-idat"] = Edit(png, p => p[ChunkOffset(p, "IDAT") + 8 + ChunkLength(p, "IDAT") + 3] ^= 0xFF);
        b["png-lying-dimensions"] = PngSize(png, 640, 480);

        b["jpeg-bomb"] = JpegSize(jpeg, 65500, 65500);
        b["png-bomb"] = PngSize(png, 100_000, 100_000);
        b["png-bomb-wide"] = PngSize(png, int.MaxValue, 1);
        b["gif-bomb"] = GifSize(gif, 65535, 65535);
        b["bmp-bomb"] = Edit(bmp, p => { BinaryPrimitives.WriteInt32LittleEndian(p.AsSpan(18), 100_000); BinaryPrimitives.WriteInt32LittleEndian(p.AsSpan(22), 100_000); });
        b["webp-bomb"] = WebpSize(webp, 16383, 16383);
        b["png-zero-width"] = PngSize(png, 0, 48);
        b["png-zero-height"] = PngSize(png, 64, 0);
        b["jpeg-zero-width"] = JpegSize(jpeg, 0, 48);
        b["gif-zero"] = GifSize(gif, 0, 0);
        b["bmp-zero"] = Edit(bmp, p => { BinaryPrimitives.WriteInt32LittleEndian(p.AsSpan(18), 0); BinaryPrimitives.WriteInt32LittleEndian(p.AsSpan(22), 0); });

        var missing = Cases.Select(c => c.Name).Except(b.Keys).ToArray();
        if (missing.Length > 0) throw new InvalidOperationException($"No bytes for {string.Join(", ", missing)}");
        return new HostileImages(b);
    }

    private static byte[] SolidPng(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        bitmap.Erase(SKColors.Gray);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static byte[] Edit(byte[] image, Action<byte[]> edit)
    {
        var copy = image.ToArray();
        edit(copy);
        return copy;
    }

    private static int ChunkOffset(byte[] png, string type)
    {
        for (var at = 8; at < png.Length; at += 12 + BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at)))
            if (Encoding.ASCII.GetString(png, at + 4, 4) == type) return at;
        throw new InvalidOperationException($"no {type} chunk");
    }

    private static int ChunkLength(byte[] png, string type) => BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(ChunkOffset(png, type)));

    private static byte[] PngSize(byte[] png, int width, int height) => Edit(png, p =>
    {
        BinaryPrimitives.WriteInt32BigEndian(p.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(p.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(29), Crc32.HashToUInt32(p.AsSpan(12, 17)));
    });

    private static byte[] InsertChunk(byte[] png, string type, byte[] data)
    {
        var at = ChunkOffset(png, "IDAT");
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32.HashToUInt32(chunk.AsSpan(4, 4 + data.Length)));
        return [.. png[..at], .. chunk, .. png[at..]];
    }

    private static byte[] DeflatedZeros(int megabytes)
    {
        using var packed = new MemoryStream();
        using (var zlib = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < megabytes; i++) zlib.Write(zeros);
        }
        return packed.ToArray();
    }

    /// <summary>The frame header's height and width (SOF0 or SOF2).</summary>
    private static byte[] JpegSize(byte[] jpeg, int width, int height) => Edit(jpeg, j =>
    {
        for (var at = 2; at + 9 < j.Length; at += 2 + BinaryPrimitives.ReadUInt16BigEndian(j.AsSpan(at + 2)))
        {
            if (j[at] != 0xFF) throw new InvalidOperationException("lost the JPEG segments");
            if (j[at + 1] is not (0xC0 or 0xC2)) continue;
            BinaryPrimitives.WriteUInt16BigEndian(j.AsSpan(at + 5), (ushort)height);
            BinaryPrimitives.WriteUInt16BigEndian(j.AsSpan(at + 7), (ushort)width);
            return;
        }
        throw new InvalidOperationException("no SOF segment");
    });

    /// <summary>The logical screen and the first image descriptor (right after a global colour table).</summary>
    private static byte[] GifSize(byte[] gif, int width, int height) => Edit(gif, g =>
    {
        BinaryPrimitives.WriteUInt16LittleEndian(g.AsSpan(6), (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(g.AsSpan(8), (ushort)height);
        var at = 13 + ((g[10] & 0x80) != 0 ? 3 << ((g[10] & 7) + 1) : 0);
        while (g[at] == 0x21) // extension blocks
        {
            at += 2;
            while (g[at] != 0) at += g[at] + 1;
            at++;
        }
        if (g[at] != 0x2C) throw new InvalidOperationException("no GIF image descriptor");
        BinaryPrimitives.WriteUInt16LittleEndian(g.AsSpan(at + 5), (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(g.AsSpan(at + 7), (ushort)height);
    });

    /// <summary>A lossy "VP8 " frame header's 14-bit width and height.</summary>
    private static byte[] WebpSize(byte[] webp, int width, int height) => Edit(webp, w =>
    {
        if (Encoding.ASCII.GetString(w, 12, 4) != "VP8 ") throw new InvalidOperationException("not a simple lossy WebP");
        BinaryPrimitives.WriteUInt16LittleEndian(w.AsSpan(26), (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(w.AsSpan(28), (ushort)height);
    });

    /// <summary>The same pixels stored top row first (a negative height), as some writers do.</summary>
    private static byte[] BmpTopDown(byte[] bmp)
    {
        var offset = BinaryPrimitives.ReadInt32LittleEndian(bmp.AsSpan(10));
        var width = BinaryPrimitives.ReadInt32LittleEndian(bmp.AsSpan(18));
        var height = BinaryPrimitives.ReadInt32LittleEndian(bmp.AsSpan(22));
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(bmp.AsSpan(28));
        var stride = (width * bits / 8 + 3) & ~3;
        var copy = bmp.ToArray();
        for (var row = 0; row < height; row++)
            bmp.AsSpan(offset + row * stride, stride).CopyTo(copy.AsSpan(offset + (height - 1 - row) * stride));
        BinaryPrimitives.WriteInt32LittleEndian(copy.AsSpan(22), -height);
        return copy;
    }

    /// <summary>A hundred 64 KB APP1 segments after SOI: 6 MB of metadata around a 64x48 picture.</summary>
    private static byte[] HugeExif(byte[] jpeg)
    {
        var segment = new byte[65535 + 2];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), 65535);
        "Exif\0\0MM\0*"u8.CopyTo(segment.AsSpan(4));
        return [.. jpeg[..2], .. Enumerable.Range(0, 100).SelectMany(_ => segment), .. jpeg[2..]];
    }
}
