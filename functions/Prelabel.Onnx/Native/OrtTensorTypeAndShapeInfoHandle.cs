namespace Prelabel.Onnx.Native;

/// <summary>Owns an OrtTensorTypeAndShapeInfo*.</summary>
internal sealed unsafe class OrtTensorTypeAndShapeInfoHandle(OrtApi api, nint pointer) : OrtHandle(api, pointer)
{
    protected override bool ReleaseHandle()
    {
        Api.ReleaseTensorTypeAndShapeInfo(handle);
        return true;
    }
}
