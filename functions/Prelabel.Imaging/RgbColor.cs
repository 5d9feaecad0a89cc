namespace Prelabel.Imaging;

/// <summary>One 8-bit RGB pixel value.</summary>
public readonly record struct RgbColor(byte R, byte G, byte B)
{
    public static RgbColor Black => new(0, 0, 0);

    public static RgbColor White => new(255, 255, 255);

    /// <summary>The padding grey Ultralytics YOLO letterboxing uses.</summary>
    public static RgbColor LetterboxGrey => new(114, 114, 114);
}
