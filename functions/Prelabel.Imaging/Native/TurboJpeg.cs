using System.Runtime.InteropServices;

namespace Prelabel.Imaging.Native;

/// <summary>The TurboJPEG 2.x C API (libjpeg-turbo 2.1), decompression subset.</summary>
internal static unsafe partial class TurboJpeg
{
    internal const string Library = "turbojpeg";

    internal const int PixelFormatRgb = 0; // TJPF_RGB
    internal const int ColorspaceCmyk = 3; // TJCS_CMYK
    internal const int ColorspaceYcck = 4; // TJCS_YCCK
    internal const int FlagLimitScans = 32768; // TJFLAG_LIMITSCANS: refuse progressive JPEGs with > 500 scans (CPU bombs)

    [StructLayout(LayoutKind.Sequential)]
    internal struct ScalingFactor
    {
        public int Num;
        public int Denom;
    }

    [LibraryImport(Library)]
    internal static partial TurboJpegHandle tjInitDecompress();

    [LibraryImport(Library)]
    internal static partial int tjDestroy(nint handle);

    [LibraryImport(Library)]
    internal static partial int tjDecompressHeader3(TurboJpegHandle handle, byte* jpegBuf, CULong jpegSize, out int width, out int height, out int jpegSubsamp, out int jpegColorspace);

    [LibraryImport(Library)]
    internal static partial int tjDecompress2(TurboJpegHandle handle, byte* jpegBuf, CULong jpegSize, byte* dstBuf, int width, int pitch, int height, int pixelFormat, int flags);

    /// <summary>Points into a static array owned by the library.</summary>
    [LibraryImport(Library)]
    internal static partial ScalingFactor* tjGetScalingFactors(out int numScalingFactors);

    // Returns a buffer owned by the library, so it is read as a pointer: a string return would make the marshaller free() it.
    [LibraryImport(Library)]
    private static partial byte* tjGetErrorStr2(nint handle);

    internal static string ErrorMessage(TurboJpegHandle? handle)
    {
        bool added = false;
        try
        {
            handle?.DangerousAddRef(ref added);
            nint raw = handle is { IsInvalid: false } ? handle.DangerousGetHandle() : 0;
            return Marshal.PtrToStringUTF8((nint)tjGetErrorStr2(raw))?.Trim() ?? "unknown TurboJPEG error";
        }
        finally
        {
            if (added) handle!.DangerousRelease();
        }
    }
}
