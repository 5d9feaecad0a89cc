namespace Prelabel.Inference.Yolo;

/// <summary>
/// How pixels become the input tensor. Ultralytics exports: RGB scaled to 0..1, classifiers' shorter side resized
/// to the input size. timm / torchvision classifiers declare theirs in the sidecar: mean and std (0..1 units),
/// channel order, and the shorter-side size before the centre crop (torchvision's Resize(256) + CenterCrop(224)).
/// </summary>
public sealed record InputPreprocessing(float[] Mean, float[] Std, bool Bgr, int? ResizeShorter)
{
    public static readonly InputPreprocessing Ultralytics = new([0f, 0f, 0f], [1f, 1f, 1f], false, null);
}
