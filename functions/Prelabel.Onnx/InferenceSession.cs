using System.Buffers;
using System.Runtime.InteropServices;
using Prelabel.Onnx.Native;

namespace Prelabel.Onnx;

/// <summary>
/// A loaded model. <see cref="Run(IReadOnlyDictionary{string, Tensor}, IReadOnlyList{string}?)"/> may be
/// called concurrently from several threads.
/// </summary>
public sealed unsafe class InferenceSession : IDisposable
{
    private const int ArenaAllocator = 1;
    private const int MemTypeDefault = 0;

    private readonly OrtApi _api;
    private readonly OrtSessionHandle _session;
    private readonly OrtMemoryInfoHandle _cpuMemory;
    private readonly string[] _outputNames;

    internal InferenceSession(OrtApi api, OrtSessionHandle session)
    {
        _api = api;
        _session = session;
        Inputs = ReadTensorInfos(_api.SessionGetInputCount, _api.SessionGetInputName, _api.SessionGetInputTypeInfo);
        Outputs = ReadTensorInfos(_api.SessionGetOutputCount, _api.SessionGetOutputName, _api.SessionGetOutputTypeInfo);
        ModelMetadata = ReadCustomMetadata();
        _outputNames = Outputs.Select(output => output.Name).ToArray();

        nint memoryInfo;
        _api.VerifySuccess(_api.CreateCpuMemoryInfo(ArenaAllocator, MemTypeDefault, &memoryInfo));
        _cpuMemory = new OrtMemoryInfoHandle(_api, memoryInfo);
    }

    public IReadOnlyList<TensorInfo> Inputs { get; }

    public IReadOnlyList<TensorInfo> Outputs { get; }

    /// <summary>The model's metadata_props (e.g. Ultralytics exports: names, imgsz, task, stride).</summary>
    public IReadOnlyDictionary<string, string> ModelMetadata { get; }

    /// <summary>
    /// Runs the model. Input data is read in place (pinned, not copied). Returns the requested outputs
    /// (all outputs by default), copied into managed tensors, keyed by output name.
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> Run(
        IReadOnlyDictionary<string, Tensor> inputs,
        IReadOnlyList<string>? outputNames = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ObjectDisposedException.ThrowIf(_session.IsClosed, this);
        outputNames ??= _outputNames;

        var inputNames = new List<string>(inputs.Count);
        var inputHandles = new List<OrtValueHandle>(inputs.Count);
        var pins = new List<MemoryHandle>(inputs.Count);
        var outputPointers = new nint[outputNames.Count];
        var outputHandles = new OrtValueHandle?[outputNames.Count];
        try
        {
            using var session = new HandleLease(_session);
            using (var memory = new HandleLease(_cpuMemory))
            {
                foreach (var (name, tensor) in inputs)
                {
                    ArgumentNullException.ThrowIfNull(tensor, $"{nameof(inputs)}[{name}]");
                    inputNames.Add(name);
                    pins.Add(tensor.Pin());
                    inputHandles.Add(CreateInputValue(memory.Pointer, tensor, pins[^1]));
                }
            }

            var inputPointers = inputHandles.Select(value => value.DangerousGetHandle()).ToArray();
            using var inputNamesNative = new Utf8StringArray(inputNames);
            using var outputNamesNative = new Utf8StringArray(outputNames);
            fixed (nint* inputValues = inputPointers)
            fixed (nint* outputValues = outputPointers)
            {
                try
                {
                    _api.VerifySuccess(_api.Run(
                        session.Pointer,
                        0,
                        inputNamesNative.Pointers,
                        inputValues,
                        (nuint)inputPointers.Length,
                        outputNamesNative.Pointers,
                        (nuint)outputPointers.Length,
                        outputValues));
                }
                finally
                {
                    // ORT allocates the outputs; take ownership of whatever it returned, even on failure.
                    for (var i = 0; i < outputPointers.Length; i++)
                    {
                        outputHandles[i] = outputPointers[i] != 0 ? new OrtValueHandle(_api, outputPointers[i]) : null;
                    }
                }
            }

            var results = new Dictionary<string, Tensor>(outputNames.Count);
            for (var i = 0; i < outputHandles.Length; i++)
            {
                results[outputNames[i]] = CopyOutput(outputNames[i], outputHandles[i]!);
            }

            return results;
        }
        finally
        {
            foreach (var output in outputHandles)
            {
                output?.Dispose();
            }

            // Values first: they point into the pinned input memory.
            inputHandles.ForEach(value => value.Dispose());
            pins.ForEach(pin => pin.Dispose());
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _cpuMemory.Dispose();
    }

    private OrtValueHandle CreateInputValue(nint memoryInfo, Tensor tensor, MemoryHandle pin)
    {
        nint value;
        fixed (long* shape = tensor.ShapeArray)
        {
            _api.VerifySuccess(_api.CreateTensorWithDataAsOrtValue(
                memoryInfo,
                pin.Pointer,
                tensor.ByteLength,
                shape,
                (nuint)tensor.ShapeArray.Length,
                tensor.ElementType,
                &value));
        }

        return new OrtValueHandle(_api, value);
    }

    private Tensor CopyOutput(string name, OrtValueHandle handle)
    {
        var value = handle.DangerousGetHandle();
        int isTensor;
        _api.VerifySuccess(_api.IsTensor(value, &isTensor));
        if (isTensor == 0)
        {
            throw new NotSupportedException($"Output '{name}' is not a tensor; only tensor outputs are supported.");
        }

        nint info;
        _api.VerifySuccess(_api.GetTensorTypeAndShape(value, &info));
        using var infoHandle = new OrtTensorTypeAndShapeInfoHandle(_api, info);
        var (elementType, shape) = ReadTypeAndShape(info);

        void* data;
        _api.VerifySuccess(_api.GetTensorMutableData(value, &data));
        return Tensor.Copy(elementType, shape, data);
    }

    private TensorInfo[] ReadTensorInfos(
        delegate* unmanaged[Cdecl]<nint, nuint*, nint> getCount,
        delegate* unmanaged[Cdecl]<nint, nuint, nint, byte**, nint> getName,
        delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint> getTypeInfo)
    {
        using var session = new HandleLease(_session);
        nuint count;
        _api.VerifySuccess(getCount(session.Pointer, &count));
        var infos = new TensorInfo[(int)count];
        for (nuint i = 0; i < count; i++)
        {
            byte* namePointer;
            _api.VerifySuccess(getName(session.Pointer, i, _api.DefaultAllocator, &namePointer));
            var name = _api.TakeString(namePointer);

            nint typeInfo;
            _api.VerifySuccess(getTypeInfo(session.Pointer, i, &typeInfo));
            using var typeInfoHandle = new OrtTypeInfoHandle(_api, typeInfo);

            // The tensor info is owned by the type info; null for non-tensor types.
            nint tensorInfo;
            _api.VerifySuccess(_api.CastTypeInfoToTensorInfo(typeInfo, &tensorInfo));
            var (elementType, shape) = tensorInfo == 0 ? (TensorElementType.Undefined, []) : ReadTypeAndShape(tensorInfo);
            infos[(int)i] = new TensorInfo(name, elementType, shape);
        }

        return infos;
    }

    private (TensorElementType ElementType, long[] Shape) ReadTypeAndShape(nint tensorInfo)
    {
        TensorElementType elementType;
        _api.VerifySuccess(_api.GetTensorElementType(tensorInfo, &elementType));
        nuint rank;
        _api.VerifySuccess(_api.GetDimensionsCount(tensorInfo, &rank));
        var shape = new long[(int)rank];
        fixed (long* dimensions = shape)
        {
            _api.VerifySuccess(_api.GetDimensions(tensorInfo, dimensions, rank));
        }

        return (elementType, shape);
    }

    private Dictionary<string, string> ReadCustomMetadata()
    {
        using var session = new HandleLease(_session);
        nint metadata;
        _api.VerifySuccess(_api.SessionGetModelMetadata(session.Pointer, &metadata));
        using var metadataHandle = new OrtModelMetadataHandle(_api, metadata);

        byte** keys;
        long keyCount;
        _api.VerifySuccess(_api.ModelMetadataGetCustomMetadataMapKeys(metadata, _api.DefaultAllocator, &keys, &keyCount));
        var map = new Dictionary<string, string>((int)keyCount, StringComparer.Ordinal);
        if (keys == null)
        {
            return map;
        }

        try
        {
            for (long i = 0; i < keyCount; i++)
            {
                byte* value;
                _api.VerifySuccess(_api.ModelMetadataLookupCustomMetadataMap(metadata, _api.DefaultAllocator, keys[i], &value));
                map[Marshal.PtrToStringUTF8((nint)keys[i]) ?? string.Empty] = _api.TakeString(value);
            }
        }
        finally
        {
            for (long i = 0; i < keyCount; i++)
            {
                _api.VerifySuccess(_api.AllocatorFree(_api.DefaultAllocator, keys[i]));
            }

            _api.VerifySuccess(_api.AllocatorFree(_api.DefaultAllocator, keys));
        }

        return map;
    }
}
