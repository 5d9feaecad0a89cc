namespace Prelabel.Onnx.Native;

/// <summary>Owns an OrtEnv* (ORT reference-counts the process-wide environment).</summary>
internal sealed unsafe class OrtEnvHandle(OrtApi api, nint pointer) : OrtHandle(api, pointer)
{
    protected override bool ReleaseHandle()
    {
        Api.ReleaseEnv(handle);
        return true;
    }
}
