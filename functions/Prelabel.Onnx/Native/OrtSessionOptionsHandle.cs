namespace Prelabel.Onnx.Native;

/// <summary>Owns an OrtSessionOptions*.</summary>
internal sealed unsafe class OrtSessionOptionsHandle(OrtApi api, nint pointer) : OrtHandle(api, pointer)
{
    protected override bool ReleaseHandle()
    {
        Api.ReleaseSessionOptions(handle);
        return true;
    }
}
