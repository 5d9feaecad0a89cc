namespace Prelabel.Onnx.Native;

/// <summary>Owns an OrtModelMetadata*.</summary>
internal sealed unsafe class OrtModelMetadataHandle(OrtApi api, nint pointer) : OrtHandle(api, pointer)
{
    protected override bool ReleaseHandle()
    {
        Api.ReleaseModelMetadata(handle);
        return true;
    }
}
