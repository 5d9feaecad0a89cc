using Microsoft.Win32.SafeHandles;

namespace Prelabel.Imaging.Native;

/// <summary>Owns a spng_ctx*; freed with spng_ctx_free.</summary>
internal sealed class SpngContext : SafeHandleZeroOrMinusOneIsInvalid
{
    public SpngContext()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        Spng.spng_ctx_free(handle);
        return true;
    }
}
