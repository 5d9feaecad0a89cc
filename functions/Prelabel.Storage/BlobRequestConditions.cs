using Azure;

namespace Prelabel.Storage;

/// <summary>
/// If-Match, If-None-Match, If-(Un)Modified-Since and the lease id a blob operation must satisfy; a blob under an
/// active lease takes writes and deletes only with its lease id.
/// </summary>
public sealed class BlobRequestConditions : RequestConditions
{
    public string? LeaseId { get; set; }

    /// <summary>If-None-Match: *: create the blob only if there is none yet (409 BlobAlreadyExists otherwise).</summary>
    public static BlobRequestConditions IfNotExists() => new() { IfNoneMatch = ETag.All };

    /// <summary>If-Match: the write or delete applies only to this version (412 ConditionNotMet otherwise).</summary>
    public static BlobRequestConditions IfMatches(ETag etag) => new() { IfMatch = etag };
}
