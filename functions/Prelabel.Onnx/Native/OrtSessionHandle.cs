namespace Prelabel.Onnx.Native;

/// <summary>
/// Owns an OrtSession* and holds a reference on the environment it was created in, because a session
/// uses the environment's logging and thread pools until it is released. Create it while holding a
/// <see cref="HandleLease"/> on <paramref name="env"/>.
/// </summary>
internal sealed unsafe class OrtSessionHandle : OrtHandle
{
    private readonly OrtEnvHandle _env;

    public OrtSessionHandle(OrtApi api, nint pointer, OrtEnvHandle env)
        : base(api, pointer)
    {
        var added = false;
        env.DangerousAddRef(ref added);
        _env = env;
    }

    protected override bool ReleaseHandle()
    {
        Api.ReleaseSession(handle);
        _env.DangerousRelease();
        return true;
    }
}
