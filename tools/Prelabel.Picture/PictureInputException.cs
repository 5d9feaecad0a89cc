namespace Prelabel.Picture;

/// <summary>Input the command cannot use; its message is shown as it is, without a stack trace, and the exit code is 2.</summary>
internal sealed class PictureInputException(string message) : Exception(message);
