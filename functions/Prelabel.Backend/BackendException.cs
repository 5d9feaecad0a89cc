namespace Prelabel.Backend;

/// <summary>A request that cannot be served, with the HTTP status to answer and a reason the user can act on.</summary>
public sealed class BackendException(int status, string detail, Exception? inner = null) : Exception(detail, inner)
{
    public int Status { get; } = status;

    public static BackendException BadRequest(string detail) => new(400, detail);

    /// <summary>The labeling config asks for something the model cannot give.</summary>
    public static BackendException ConfigMismatch(string detail) => new(422, detail);
}
