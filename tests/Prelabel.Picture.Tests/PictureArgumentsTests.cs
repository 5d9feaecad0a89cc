namespace Prelabel.Picture.Tests;

public sealed class PictureArgumentsTests
{
    [Fact]
    public void Three_paths_and_an_optional_config_are_read_in_any_order()
    {
        Assert.Equal(new PictureArguments("a.jpg", "p.json", "o.png", null), PictureArguments.Parse(["a.jpg", "p.json", "o.png"]));
        Assert.Equal(new PictureArguments("a.jpg", "p.json", "o.png", "c.xml"), PictureArguments.Parse(["--config", "c.xml", "a.jpg", "p.json", "o.png"]));
    }

    [Theory]
    [InlineData("a.jpg", "p.json")]
    [InlineData("a.jpg", "p.json", "o.png", "extra")]
    [InlineData("a.jpg", "p.json", "o.png", "--config")]
    [InlineData("a.jpg", "p.json", "o.png", "--colour", "red")]
    public void Anything_else_is_refused_with_the_usage(params string[] args)
    {
        var e = Assert.Throws<PictureInputException>(() => PictureArguments.Parse(args));

        Assert.EndsWith(PictureArguments.Usage, e.Message);
    }
}
