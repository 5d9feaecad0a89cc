namespace Prelabel.LabelStudio.Config;

/// <summary>The labeling config cannot be used: invalid XML, a forbidden construct, or a config the model cannot serve.</summary>
public sealed class LabelingConfigException(string message, Exception? inner = null) : Exception(message, inner);
