namespace Prelabel.Onnx.Native;

/// <summary>Owns an OrtMemoryInfo*.</summary>
internal sealed unsafe class OrtMemoryInfoHandle(OrtApi api, nint pointer) : OrtHandle(api, pointer)
{
    protected override bool ReleaseHandle()
    {
        Api.ReleaseMemoryInfo(handle);
        return true;
    }
}
