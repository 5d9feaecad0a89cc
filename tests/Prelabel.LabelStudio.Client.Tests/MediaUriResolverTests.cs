using System.Text;

namespace Prelabel.LabelStudio.Client.Tests;

public sealed class MediaUriResolverTests
{
    private static readonly Uri LabelStudio = new("http://ls.example:8080/prefix/");

    [Theory]
    [InlineData("upload/3/a.jpg", "http://ls.example:8080/prefix/data/upload/3/a.jpg")]
    [InlineData("/upload/3/a.jpg", "http://ls.example:8080/prefix/data/upload/3/a.jpg")]
    [InlineData("/data/upload/3/a.jpg", "http://ls.example:8080/prefix/data/upload/3/a.jpg")]
    [InlineData("/data/local-files/?d=dir/a.jpg", "http://ls.example:8080/prefix/data/local-files/?d=dir/a.jpg")]
    [InlineData("https://cdn.example/a.jpg?x=1", "https://cdn.example/a.jpg?x=1")]
    public void Task_uris_map_to_the_url_they_are_downloaded_from(string uri, string expected)
    {
        var source = new MediaUriResolver(LabelStudio, null).Resolve(uri, 1);

        Assert.Equal(expected, source.Url!.ToString());
    }

    [Theory]
    [InlineData("azure-blob://images/cam1/0001.jpg")]
    [InlineData("s3://bucket/a b.jpg")]
    [InlineData("gs://bucket/x")]
    public void Cloud_uris_go_to_the_task_resolver_as_padded_base64url(string uri)
    {
        var source = new MediaUriResolver(LabelStudio, null).Resolve(uri, 42);

        Assert.Equal("/prefix/tasks/42/resolve/", source.Url!.AbsolutePath);
        var fileuri = Uri.UnescapeDataString(source.Url.Query["?fileuri=".Length..]);
        Assert.Equal(0, fileuri.Length % 4);
        Assert.DoesNotContain('+', fileuri);
        Assert.DoesNotContain('/', fileuri);
        Assert.Equal(uri, Encoding.UTF8.GetString(Convert.FromBase64String(fileuri.Replace('-', '+').Replace('_', '/'))));
    }

    [Fact]
    public void Cloud_uri_without_a_task_id_explains_why()
    {
        var error = Assert.Throws<LabelStudioRequestFailedException>(() => new MediaUriResolver(LabelStudio, null).Resolve("s3://b/k", null));

        Assert.Contains("task id", error.Message);
        Assert.Equal("s3://b/k", error.MediaUri);
    }

    [Theory]
    [InlineData("/data/upload/3/a.jpg")]
    [InlineData("upload/3/a.jpg")]
    [InlineData("/data/local-files/?d=a.jpg")]
    [InlineData("azure-blob://c/a.jpg")]
    public void Label_studio_paths_without_label_studio_url_ask_for_it(string uri)
    {
        var error = Assert.Throws<LabelStudioRequestFailedException>(() => new MediaUriResolver(null, null).Resolve(uri, 1));

        Assert.Contains("set LABEL_STUDIO_URL", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("LABEL_STUDIO_API_KEY", error.Message);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("images/a.jpg")]
    [InlineData("ftp://host/a.jpg")]
    public void Unsupported_forms_are_refused(string uri)
    {
        Assert.Throws<LabelStudioRequestFailedException>(() => new MediaUriResolver(LabelStudio, null).Resolve(uri, 1));
    }
}
