using Prelabel.Onnx.Tests.Models;
using Prelabel.Testing;

namespace Prelabel.Onnx.Tests;

public sealed class OnnxRuntimeTests(RuntimeFixture fixture) : IClassFixture<RuntimeFixture>, IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("prelabel-onnx-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public void Load_reports_the_library_version() => Assert.Equal("1.30.0", fixture.Runtime.Version);

    [Fact]
    public void Load_of_a_file_that_is_not_a_library_fails_naming_the_file()
    {
        var notALibrary = Path.Combine(_temp.FullName, "libonnxruntime.so.1");
        File.WriteAllText(notALibrary, "not an ELF file");

        var error = Assert.Throws<DllNotFoundException>(() => OnnxRuntime.Load(notALibrary));

        Assert.Contains(notALibrary, error.Message);
    }

    [Fact]
    public void CreateSession_loads_a_model_file()
    {
        var path = Path.Combine(_temp.FullName, "add.onnx");
        File.WriteAllBytes(path, TestModels.Add());

        using var session = fixture.Runtime.CreateSession(path);

        Assert.Equal(["a", "b"], session.Inputs.Select(input => input.Name));
    }

    [Fact]
    public void CreateSession_with_a_missing_model_file_throws_FileNotFoundException_naming_it()
    {
        var path = Path.Combine(_temp.FullName, "missing.onnx");

        var error = Assert.Throws<FileNotFoundException>(() => fixture.Runtime.CreateSession(path));

        Assert.Equal(path, error.FileName);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void CreateSession_with_bytes_that_are_not_a_model_throws_OnnxRuntimeException()
    {
        var garbage = "this is not an ONNX model, just some text"u8.ToArray();

        var error = Assert.Throws<OnnxRuntimeException>(() => fixture.Runtime.CreateSession(garbage));

        Assert.Equal(OrtErrorCode.InvalidProtobuf, error.ErrorCode);
        Assert.Contains(error.NativeMessage, error.Message);
        Assert.NotEmpty(error.NativeMessage);
    }

    [Fact]
    public void CreateSession_with_a_graph_using_an_unknown_operator_throws_OnnxRuntimeException()
    {
        var model = new OnnxModelBuilder()
            .Input("x", TensorElementType.Float, 1)
            .Node("NoSuchOperator", ["x"], ["y"])
            .Output("y", TensorElementType.Float, 1)
            .Build();

        var error = Assert.Throws<OnnxRuntimeException>(() => fixture.Runtime.CreateSession(model));

        Assert.Contains("NoSuchOperator", error.NativeMessage);
    }

    [Fact]
    public void CreateSession_accepts_explicit_thread_counts()
    {
        using var session = fixture.Runtime.CreateSession(TestModels.Add(), new SessionThreading(intraOpThreads: 1, interOpThreads: 1));

        var y = session.Run(AddInputs(1f, 2f))["y"].As<float>();

        Assert.Equal([3f, 3f, 3f], y.Span.ToArray());
    }

    [Fact]
    public void Dispose_twice_is_harmless()
    {
        var runtime = OnnxRuntime.Load(OnnxRuntimeLibrary.Locate(null));

        runtime.Dispose();
        runtime.Dispose();
    }

    [Fact]
    public void CreateSession_after_dispose_throws_ObjectDisposedException()
    {
        var runtime = OnnxRuntime.Load(OnnxRuntimeLibrary.Locate(null));
        runtime.Dispose();

        Assert.Throws<ObjectDisposedException>(() => runtime.CreateSession(TestModels.Add()));
    }

    [Fact]
    public void A_session_keeps_working_after_its_runtime_is_disposed()
    {
        var runtime = OnnxRuntime.Load(OnnxRuntimeLibrary.Locate(null));
        using var session = runtime.CreateSession(TestModels.Add());

        runtime.Dispose();
        var y = session.Run(AddInputs(1f, 4f))["y"].As<float>();

        Assert.Equal([5f, 5f, 5f], y.Span.ToArray());
    }

    private static Dictionary<string, Tensor> AddInputs(float a, float b) => new()
    {
        ["a"] = new DenseTensor<float>(new[] { a, a, a }, 1, 3),
        ["b"] = new DenseTensor<float>(new[] { b, b, b }, 1, 3),
    };
}
