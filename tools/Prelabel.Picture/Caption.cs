using Prelabel.Imaging;

namespace Prelabel.Picture;

/// <summary>One line of the band at the top-left: a whole-image result such as a choice, a taxonomy path or a text.</summary>
internal sealed record Caption(string Text, RgbColor Background);
