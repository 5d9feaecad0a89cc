namespace Prelabel.Importer.Tests;

public sealed class ImportRoutesTests
{
    [Fact]
    public void Routes_pick_every_project_whose_container_and_prefix_match()
    {
        var routes = ImportRoutes.Parse(" images=3 ; images/cam1/=4, scans/2026/=5,images/cam1/=4");

        Assert.Equal([3L, 4L], routes.ProjectsFor("images", "cam1/a.jpg"));
        Assert.Equal([3L], routes.ProjectsFor("images", "cam2/a.jpg"));
        Assert.Equal([5L], routes.ProjectsFor("scans", "2026/x.png"));
        Assert.Empty(routes.ProjectsFor("scans", "2025/x.png"));
        Assert.Empty(routes.ProjectsFor("Images", "cam1/a.jpg"));
        Assert.Empty(ImportRoutes.Parse(null).All);
    }

    [Theory]
    [InlineData("images")]
    [InlineData("=3")]
    [InlineData("images=x")]
    [InlineData("images=0")]
    [InlineData("images=-2")]
    public void A_bad_route_names_itself(string text)
    {
        var error = Assert.Throws<FormatException>(() => ImportRoutes.Parse(text));

        Assert.Contains(text, error.Message);
    }

    [Fact]
    public void A_blob_feeding_several_projects_comes_back_while_any_can_still_succeed()
    {
        var imported = ImportOutcome.Imported(7, "task 7");
        var retry = ImportOutcome.Retry("Label Studio: 503", TimeSpan.FromSeconds(3));
        var poison = ImportOutcome.Poison("no config");

        var combined = ImportOutcome.Combine([(1, imported), (2, retry), (3, poison)]);

        Assert.Equal(ImportResult.Retry, combined.Result);
        Assert.Equal(TimeSpan.FromSeconds(3), combined.RetryAfter);
        Assert.Contains("project 3: no config", combined.Reason);
        Assert.Equal(ImportResult.Poison, ImportOutcome.Combine([(1, imported), (3, poison)]).Result);
        Assert.Same(imported, ImportOutcome.Combine([(1, imported)]));
    }
}
