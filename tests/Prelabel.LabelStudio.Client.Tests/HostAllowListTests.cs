namespace Prelabel.LabelStudio.Client.Tests;

public sealed class HostAllowListTests
{
    [Theory]
    [InlineData("blob.local", "blob.local", 9000, true)]
    [InlineData("blob.local", "BLOB.local", 1234, true)]
    [InlineData("blob.local:9000", "blob.local", 9000, true)]
    [InlineData("blob.local:9000", "blob.local", 9001, false)]
    [InlineData("127.0.0.1:9000, minio:9000", "minio", 9000, true)]
    [InlineData("[::1]:9000", "::1", 9000, true)]
    [InlineData("::1", "[::1]", 80, true)]
    [InlineData("other", "blob.local", 9000, false)]
    public void Entries_match_by_host_or_by_host_and_port(string entry, string host, int port, bool allowed)
    {
        var list = new HostAllowList(null, [entry]);

        Assert.Equal(allowed, list.Allows(host, port));
    }

    [Fact]
    public void Label_studio_url_allows_its_own_port_only()
    {
        var list = new HostAllowList(new Uri("http://127.0.0.1:8080"), []);

        Assert.True(list.Allows("127.0.0.1", 8080));
        Assert.False(list.Allows("127.0.0.1", 9000));
    }

    [Theory]
    [InlineData("host:port")]
    [InlineData("host:70000")]
    [InlineData("[::1")]
    public void Malformed_entries_name_the_setting(string entry)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new HostAllowList(null, [entry]));

        Assert.Contains("MEDIA_ALLOWED_HOSTS", error.Message);
    }
}
