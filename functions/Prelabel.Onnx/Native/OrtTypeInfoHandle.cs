namespace Prelabel.Onnx.Native;

/// <summary>Owns an OrtTypeInfo*.</summary>
internal sealed unsafe class OrtTypeInfoHandle(OrtApi api, nint pointer) : OrtHandle(api, pointer)
{
    protected override bool ReleaseHandle()
    {
        Api.ReleaseTypeInfo(handle);
        return true;
    }
}
