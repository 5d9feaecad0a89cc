using System.Runtime.InteropServices;

namespace Prelabel.Onnx.Native;

/// <summary>
/// Keeps a handle from being released while its raw pointer is in use (another thread may dispose the
/// owner meanwhile). Throws <see cref="ObjectDisposedException"/> if the handle is already closed.
/// </summary>
internal ref struct HandleLease
{
    private readonly SafeHandle _handle;
    private bool _added;

    public HandleLease(SafeHandle handle)
    {
        _handle = handle;
        handle.DangerousAddRef(ref _added);
        Pointer = handle.DangerousGetHandle();
    }

    public nint Pointer { get; }

    public void Dispose()
    {
        if (_added)
        {
            _added = false;
            _handle.DangerousRelease();
        }
    }
}
