namespace Prelabel.Inference.Models;

/// <summary>A control asks for a model that is not configured, not present, or not allowed; the message says which and how to fix it.</summary>
public sealed class ModelNotAvailableException(string message) : Exception(message);
