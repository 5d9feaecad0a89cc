using System.Runtime.InteropServices;
using System.Text;

namespace Prelabel.Onnx.Native;

/// <summary>
/// A native <c>const char* const*</c> array of null-terminated UTF-8 strings in one allocation, for
/// name arguments of the C API. Owned by this object; freed on dispose.
/// </summary>
internal sealed unsafe class Utf8StringArray : IDisposable
{
    private void* _block;

    public Utf8StringArray(IReadOnlyList<string> values)
    {
        var pointerBytes = values.Count * sizeof(byte*);
        var total = pointerBytes;
        foreach (var value in values)
        {
            total += Encoding.UTF8.GetByteCount(value) + 1;
        }

        _block = NativeMemory.Alloc((nuint)Math.Max(total, 1));
        var pointers = (byte**)_block;
        var cursor = (byte*)_block + pointerBytes;
        for (var i = 0; i < values.Count; i++)
        {
            pointers[i] = cursor;
            var written = Encoding.UTF8.GetBytes(values[i], new Span<byte>(cursor, total - (int)(cursor - (byte*)_block)));
            cursor[written] = 0;
            cursor += written + 1;
        }

        Count = values.Count;
    }

    public int Count { get; }

    public byte** Pointers => _block != null ? (byte**)_block : throw new ObjectDisposedException(nameof(Utf8StringArray));

    public void Dispose()
    {
        NativeMemory.Free(_block);
        _block = null;
    }
}
