namespace Prelabel.Storage.Tests;

internal static class StreamText
{
    /// <summary>Reads the rest of the stream as UTF-8 and disposes it.</summary>
    public static string ReadAllText(this Stream stream)
    {
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
