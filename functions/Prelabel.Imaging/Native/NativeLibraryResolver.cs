using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Prelabel.Imaging.Native;

/// <summary>Maps the logical library names to the sonames Debian ships (libturbojpeg0, libspng0), falling back to plain names elsewhere.</summary>
internal static class NativeLibraryResolver
{
    private static readonly Dictionary<string, string[]> Candidates = new()
    {
        [TurboJpeg.Library] = ["libturbojpeg.so.0", "libturbojpeg.so", "turbojpeg", "libturbojpeg.dylib"],
        [Spng.Library] = ["libspng.so.0", "libspng.so", "spng", "libspng.dylib"],
    };

    // A library may use a module initializer here: it only registers a resolver for its own assembly, before any import runs.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() => NativeLibrary.SetDllImportResolver(typeof(NativeLibraryResolver).Assembly, Resolve);

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (!Candidates.TryGetValue(name, out var names)) return 0;
        foreach (string candidate in names)
        {
            if (NativeLibrary.TryLoad(candidate, assembly, searchPath, out nint handle)) return handle;
        }
        return 0;
    }
}
