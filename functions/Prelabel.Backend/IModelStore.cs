namespace Prelabel.Backend;

/// <summary>Where MODEL_DIR's files come from when they are not simply on disk: a blob container mirrored into it.</summary>
public interface IModelStore
{
    /// <summary>Returns once MODEL_DIR holds the models; may start a check for changed ones without waiting for it.</summary>
    Task EnsureCurrentAsync(CancellationToken cancellationToken);
}
