using System.Runtime.InteropServices;
using System.Text;
using Prelabel.Onnx.Native;

namespace Prelabel.Onnx;

/// <summary>A loaded ONNX Runtime library and its environment; creates sessions.</summary>
public sealed unsafe class OnnxRuntime : IDisposable
{
    /// <summary>The OrtApi version requested (ONNX Runtime 1.17); every slot used exists in it.</summary>
    public const uint MinimumApiVersion = 17;

    private const int LoggingLevelWarning = 2;
    private const int GraphOptimizationEnableAll = 99;

    private readonly OrtApi _api;
    private readonly OrtEnvHandle _env;

    private OnnxRuntime(OrtApi api, OrtEnvHandle env, string version)
    {
        _api = api;
        _env = env;
        Version = version;
    }

    public string Version { get; }

    /// <summary>
    /// Loads the library at <paramref name="libraryPath"/> (see <see cref="OnnxRuntimeLibrary.Locate"/>)
    /// and creates an environment. The library stays loaded for the life of the process.
    /// </summary>
    public static OnnxRuntime Load(string libraryPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(libraryPath);
        var library = NativeLibrary.Load(libraryPath);
        var getApiBase = (delegate* unmanaged[Cdecl]<nint*>)NativeLibrary.GetExport(library, "OrtGetApiBase");

        // OrtApiBase is { const OrtApi* GetApi(uint32_t version); const char* GetVersionString(void); }.
        var apiBase = getApiBase();
        var getApi = (delegate* unmanaged[Cdecl]<uint, nint*>)apiBase[0];
        var getVersionString = (delegate* unmanaged[Cdecl]<byte*>)apiBase[1];
        var version = Marshal.PtrToStringUTF8((nint)getVersionString()) ?? "unknown";

        var table = getApi(MinimumApiVersion);
        if (table == null)
        {
            throw new NotSupportedException(
                $"ONNX Runtime {version} at '{libraryPath}' does not provide C API version {MinimumApiVersion}; "
                + $"ONNX Runtime 1.{MinimumApiVersion} or newer is required.");
        }

        var api = new OrtApi(table);
        nint env;
        fixed (byte* logId = "prelabel\0"u8)
        {
            api.VerifySuccess(api.CreateEnv(LoggingLevelWarning, logId, &env));
        }

        return new OnnxRuntime(api, new OrtEnvHandle(api, env), version);
    }

    public InferenceSession CreateSession(string modelPath, SessionThreading? threading = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        var fullPath = Path.GetFullPath(modelPath);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"ONNX model file '{fullPath}' does not exist.", fullPath);
        }

        // ORTCHAR_T is char (UTF-8) on Linux, the only platform this binding locates a library for.
        var utf8Path = Encoding.UTF8.GetBytes(fullPath + "\0");
        return CreateSession(threading, (env, options) =>
        {
            nint session;
            fixed (byte* path = utf8Path)
            {
                _api.VerifySuccess(_api.CreateSession(env, path, options, &session));
            }

            return session;
        });
    }

    /// <summary>Creates a session from an in-memory model; ORT copies what it needs, so the bytes can be reused afterwards.</summary>
    public InferenceSession CreateSession(ReadOnlyMemory<byte> model, SessionThreading? threading = null) =>
        CreateSession(threading, (env, options) =>
        {
            nint session;
            using var pin = model.Pin();
            _api.VerifySuccess(_api.CreateSessionFromArray(env, pin.Pointer, (nuint)model.Length, options, &session));
            return session;
        });

    public void Dispose() => _env.Dispose();

    private InferenceSession CreateSession(SessionThreading? threading, Func<nint, nint, nint> create)
    {
        ObjectDisposedException.ThrowIf(_env.IsClosed, this);
        threading ??= SessionThreading.Default;
        using var options = CreateSessionOptions(threading);
        using var env = new HandleLease(_env);
        using var optionsLease = new HandleLease(options);
        var session = new OrtSessionHandle(_api, create(env.Pointer, optionsLease.Pointer), _env);
        try
        {
            return new InferenceSession(_api, session);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private OrtSessionOptionsHandle CreateSessionOptions(SessionThreading threading)
    {
        nint pointer;
        _api.VerifySuccess(_api.CreateSessionOptions(&pointer));
        var options = new OrtSessionOptionsHandle(_api, pointer);
        try
        {
            _api.VerifySuccess(_api.SetSessionGraphOptimizationLevel(pointer, GraphOptimizationEnableAll));
            _api.VerifySuccess(_api.SetIntraOpNumThreads(pointer, threading.IntraOpThreads));
            _api.VerifySuccess(_api.SetInterOpNumThreads(pointer, threading.InterOpThreads));
            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }
}
