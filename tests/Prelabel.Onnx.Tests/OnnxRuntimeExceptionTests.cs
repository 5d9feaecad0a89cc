namespace Prelabel.Onnx.Tests;

public class OnnxRuntimeExceptionTests
{
    [Fact]
    public void Message_names_the_error_code_and_carries_the_native_message()
    {
        var error = new OnnxRuntimeException(OrtErrorCode.InvalidArgument, "Invalid input name: q");

        Assert.Equal(OrtErrorCode.InvalidArgument, error.ErrorCode);
        Assert.Equal("Invalid input name: q", error.NativeMessage);
        Assert.Contains("InvalidArgument", error.Message);
        Assert.Contains("Invalid input name: q", error.Message);
    }
}
