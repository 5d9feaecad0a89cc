namespace Prelabel.Storage;

/// <summary>Error codes (x-ms-error-code) this project reacts to; the service has many more.</summary>
public static class StorageErrorCode
{
    public const string AuthenticationFailed = "AuthenticationFailed";
    public const string AuthorizationFailure = "AuthorizationFailure";
    public const string BlobAlreadyExists = "BlobAlreadyExists";
    public const string BlobNotFound = "BlobNotFound";
    public const string ConditionNotMet = "ConditionNotMet";
    public const string ContainerAlreadyExists = "ContainerAlreadyExists";
    public const string ContainerNotFound = "ContainerNotFound";
    public const string LeaseAlreadyPresent = "LeaseAlreadyPresent";
    public const string LeaseIdMismatchWithLeaseOperation = "LeaseIdMismatchWithLeaseOperation";
    public const string LeaseIdMissing = "LeaseIdMissing";
    public const string LeaseNotPresentWithBlobOperation = "LeaseNotPresentWithBlobOperation";
    public const string MessageNotFound = "MessageNotFound";
    public const string PopReceiptMismatch = "PopReceiptMismatch";
    public const string QueueAlreadyExists = "QueueAlreadyExists";
    public const string QueueNotFound = "QueueNotFound";
}
