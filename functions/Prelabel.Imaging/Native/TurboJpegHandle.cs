using Microsoft.Win32.SafeHandles;

namespace Prelabel.Imaging.Native;

/// <summary>Owns a tjhandle; destroyed with tjDestroy.</summary>
internal sealed class TurboJpegHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public TurboJpegHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => TurboJpeg.tjDestroy(handle) == 0;
}
