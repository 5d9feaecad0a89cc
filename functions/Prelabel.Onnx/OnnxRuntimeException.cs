namespace Prelabel.Onnx;

/// <summary>An error status returned by ONNX Runtime, with its code and ORT's own message.</summary>
public sealed class OnnxRuntimeException : Exception
{
    public OnnxRuntimeException(OrtErrorCode errorCode, string nativeMessage)
        : base($"[ONNX Runtime {errorCode}] {nativeMessage}")
    {
        ErrorCode = errorCode;
        NativeMessage = nativeMessage;
    }

    public OrtErrorCode ErrorCode { get; }

    public string NativeMessage { get; }
}
