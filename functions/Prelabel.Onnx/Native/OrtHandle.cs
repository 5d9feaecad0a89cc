using System.Runtime.InteropServices;

namespace Prelabel.Onnx.Native;

/// <summary>An owned ONNX Runtime object pointer, released through its own Release* slot.</summary>
internal abstract class OrtHandle : SafeHandle
{
    protected OrtHandle(OrtApi api, nint pointer)
        : base(0, ownsHandle: true)
    {
        Api = api;
        SetHandle(pointer);
    }

    protected OrtApi Api { get; }

    public override bool IsInvalid => handle == 0;
}
