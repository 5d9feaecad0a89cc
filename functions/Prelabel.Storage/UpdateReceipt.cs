namespace Prelabel.Storage;

/// <summary>A message after Update Message: its old pop receipt no longer works, this one does.</summary>
public sealed record UpdateReceipt(string PopReceipt, DateTimeOffset NextVisibleOn);
