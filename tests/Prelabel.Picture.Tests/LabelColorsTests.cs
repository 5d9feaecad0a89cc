using Prelabel.Imaging;
using Prelabel.LabelStudio.Config;

namespace Prelabel.Picture.Tests;

public sealed class LabelColorsTests
{
    [Fact]
    // FNV-1a("Car") % 360 = 305 degrees, at saturation 0.8 and value 0.95.
    public void A_label_always_gets_the_same_colour()
    {
        Assert.Equal(new RgbColor(242, 48, 226), LabelColors.Hashed("Car"));
        Assert.Equal(LabelColors.Hashed("Car"), new LabelColors(null).For("label", "Car"));
    }

    [Fact]
    public void Different_labels_get_different_colours()
    {
        string[] labels = ["Car", "Truck", "Person", "Tree", "Sky", "Text"];

        Assert.Equal(labels.Length, labels.Select(LabelColors.Hashed).Distinct().Count());
    }

    [Fact]
    public void The_configs_background_wins_for_its_own_control()
    {
        var config = LabelingConfig.Parse("""
            <View><Image name="image" value="$image"/>
              <RectangleLabels name="label" toName="image"><Label value="Car" background="#0000ff"/><Label value="Bus" alias="B" background="red"/><Label value="Van" background="???"/></RectangleLabels>
            </View>
            """);
        var colors = new LabelColors(config);

        Assert.Equal(new RgbColor(0, 0, 255), colors.For("label", "Car"));
        Assert.Equal(new RgbColor(255, 0, 0), colors.For("label", "B"));
        Assert.Equal(LabelColors.Hashed("Van"), colors.For("label", "Van"));
        Assert.Equal(LabelColors.Hashed("Car"), colors.For("other", "Car"));
    }
}
