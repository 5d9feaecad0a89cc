namespace Prelabel.Onnx.Native;

/// <summary>Owns an OrtValue*.</summary>
internal sealed unsafe class OrtValueHandle(OrtApi api, nint pointer) : OrtHandle(api, pointer)
{
    protected override bool ReleaseHandle()
    {
        Api.ReleaseValue(handle);
        return true;
    }
}
