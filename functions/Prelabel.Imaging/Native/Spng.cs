using System.Runtime.InteropServices;

namespace Prelabel.Imaging.Native;

/// <summary>The libspng 0.7 C API, the subset for decoding and for encoding RGB8 to a memory buffer.</summary>
internal static unsafe partial class Spng
{
    internal const string Library = "spng";

    internal const int FormatRgba8 = 1; // SPNG_FMT_RGBA8
    internal const int FormatRgb8 = 4; // SPNG_FMT_RGB8
    internal const int DecodeTrns = 1; // SPNG_DECODE_TRNS: turn tRNS into alpha
    internal const int ContextEncoder = 2; // SPNG_CTX_ENCODER
    internal const int OptionEncodeToBuffer = 12; // SPNG_ENCODE_TO_BUFFER
    internal const int FormatPng = 256; // SPNG_FMT_PNG: the buffer already has the IHDR's layout
    internal const int EncodeFinalize = 2; // SPNG_ENCODE_FINALIZE: write IEND, so the buffer can be taken
    internal const byte ColorTypeTruecolor = 2; // SPNG_COLOR_TYPE_TRUECOLOR

    [StructLayout(LayoutKind.Sequential)]
    internal struct Ihdr
    {
        public uint Width;
        public uint Height;
        public byte BitDepth;
        public byte ColorType;
        public byte CompressionMethod;
        public byte FilterMethod;
        public byte InterlaceMethod;
    }

    [LibraryImport(Library)]
    internal static partial SpngContext spng_ctx_new(int flags);

    [LibraryImport(Library)]
    internal static partial void spng_ctx_free(nint ctx);

    /// <summary>spng keeps the pointer: the buffer must stay pinned until the context is done.</summary>
    [LibraryImport(Library)]
    internal static partial int spng_set_png_buffer(SpngContext ctx, byte* buf, nuint size);

    [LibraryImport(Library)]
    internal static partial int spng_set_image_limits(SpngContext ctx, uint width, uint height);

    [LibraryImport(Library)]
    internal static partial int spng_get_ihdr(SpngContext ctx, out Ihdr ihdr);

    [LibraryImport(Library)]
    internal static partial int spng_decoded_image_size(SpngContext ctx, int fmt, out nuint len);

    [LibraryImport(Library)]
    internal static partial int spng_decode_image(SpngContext ctx, byte* output, nuint len, int fmt, int flags);

    [LibraryImport(Library)]
    internal static partial int spng_set_option(SpngContext ctx, int option, int value);

    [LibraryImport(Library)]
    internal static partial int spng_set_ihdr(SpngContext ctx, in Ihdr ihdr);

    [LibraryImport(Library)]
    internal static partial int spng_encode_image(SpngContext ctx, byte* image, nuint len, int fmt, int flags);

    /// <summary>The caller owns the returned buffer from then on and frees it with the C library's free (libspng's default allocator is malloc).</summary>
    [LibraryImport(Library)]
    internal static partial byte* spng_get_png_buffer(SpngContext ctx, out nuint len, out int error);

    // Static strings owned by the library: read as a pointer so nothing tries to free them.
    [LibraryImport(Library)]
    private static partial byte* spng_strerror(int err);

    internal static string ErrorMessage(int error) =>
        Marshal.PtrToStringUTF8((nint)spng_strerror(error)) ?? $"libspng error {error}";
}
