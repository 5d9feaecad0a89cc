namespace Prelabel.Functions;

/// <summary>An upload whose import may succeed later: thrown so the trigger's extension delivers it again.</summary>
public sealed class ImportRetryException(string reason) : Exception(reason);
