using Microsoft.Extensions.Configuration;
using Prelabel.Testing;

namespace Prelabel.Storage.Tests;

/// <summary>The settings the Functions host's storage bindings read for a connection name, read the same way.</summary>
public sealed class StorageConnectionTests
{
    // A made-up base64 key: the tests check it never shows up in messages.
    private const string Key = "c2VjcmV0LWtleS1ieXRlcy10aGF0LW11c3Qtbm90LWxlYWs=";

    [Fact]
    public void UseDevelopmentStorage_points_at_Azurite_default_ports()
    {
        var connection = StorageConnection.From(Settings(("IMAGES", "UseDevelopmentStorage=true")), "IMAGES");

        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), connection.BlobServiceUri);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), connection.QueueServiceUri);
        Assert.True(connection.HasConnectionString);
        Assert.DoesNotContain(Azurite.AccountKey, connection.ToString());
    }

    [Theory]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=prelabel;AccountKey=" + Key + ";EndpointSuffix=core.windows.net", "https://prelabel.blob.core.windows.net/", "https://prelabel.queue.core.windows.net/")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=cn;AccountKey=" + Key + ";EndpointSuffix=core.chinacloudapi.cn", "http://cn.blob.core.chinacloudapi.cn/", "http://cn.queue.core.chinacloudapi.cn/")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + Key + ";BlobEndpoint=http://127.0.0.1:41000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:41001/devstoreaccount1;",
        "http://127.0.0.1:41000/devstoreaccount1", "http://127.0.0.1:41001/devstoreaccount1")]
    public void A_connection_string_gives_the_endpoints_and_never_shows_its_key(string connectionString, string blob, string queue)
    {
        var connection = StorageConnection.From(Settings(("IMAGES", connectionString)), "IMAGES");

        Assert.Equal(new Uri(blob), connection.BlobServiceUri);
        Assert.Equal(new Uri(queue), connection.QueueServiceUri);
        Assert.DoesNotContain(Key, connection.ToString());
    }

    [Fact]
    public void A_sas_connection_string_without_a_queue_endpoint_says_which_part_a_queue_needs()
    {
        var connection = StorageConnection.From(Settings(("IMAGES", "BlobEndpoint=https://acct.blob.core.windows.net;SharedAccessSignature=sv=2024-11-04&ss=b&sig=S3cr3t")), "IMAGES");

        Assert.Equal(new Uri("https://acct.blob.core.windows.net/"), connection.BlobServiceUri);
        Assert.Null(connection.QueueServiceUri);
        Assert.DoesNotContain("S3cr3t", connection.ToString());
        Assert.Same(connection, connection.Require(blob: true, queue: false));
        var missing = Assert.Throws<InvalidOperationException>(() => connection.Require(blob: true, queue: true));
        Assert.Contains("QueueEndpoint", missing.Message);
        Assert.Contains("IMAGES__queueServiceUri", missing.Message);
    }

    [Theory]
    [InlineData("AccountKey=" + Key)]
    [InlineData("AccountName=acct;AccountKey=not*base64" + Key)]
    [InlineData("AccountName=acct;S3cr3tWithoutAnEqualsSign")]
    [InlineData("DefaultEndpointsProtocol=ftp;AccountName=acct;AccountKey=" + Key)]
    public void A_faulty_connection_string_is_refused_naming_the_setting_but_not_the_secret(string connectionString)
    {
        var failure = Assert.Throws<FormatException>(() => StorageConnection.From(Settings(("IMAGES", connectionString)), "IMAGES"));

        Assert.Contains("connection string in IMAGES", failure.Message);
        Assert.DoesNotContain(Key, failure.ToString());
        Assert.DoesNotContain("S3cr3t", failure.ToString());
    }

    [Theory]
    [InlineData("ConnectionStrings:IMAGES")]
    [InlineData("AzureWebJobsIMAGES")]
    public void The_host_also_reads_the_connection_string_from_ConnectionStrings_and_the_AzureWebJobs_prefix(string setting)
    {
        var connection = StorageConnection.From(Settings((setting, "UseDevelopmentStorage=true"), ("IMAGES__accountName", "ignored")), "IMAGES");

        Assert.True(connection.HasConnectionString);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), connection.BlobServiceUri);
    }

    [Fact]
    public void An_account_name_makes_an_identity_based_connection_to_both_services_and_wins_over_service_uris()
    {
        var connection = StorageConnection.From(Settings(
            ("IMAGES__accountName", "prelabelstore"),
            ("IMAGES__blobServiceUri", "https://other.blob.core.windows.net"),
            ("IMAGES__credential", "managedidentity"),
            ("IMAGES__clientId", "11111111-2222-3333-4444-555555555555")), "IMAGES");

        Assert.False(connection.HasConnectionString);
        Assert.Equal(new Uri("https://prelabelstore.blob.core.windows.net/"), connection.BlobServiceUri);
        Assert.Equal(new Uri("https://prelabelstore.queue.core.windows.net/"), connection.QueueServiceUri);
        Assert.Equal("managedidentity", connection.Settings["credential"]);
        Assert.Contains("client id 11111111-2222-3333-4444-555555555555", connection.ToString());
    }

    [Fact]
    public void Service_uri_settings_give_each_service_its_endpoint()
    {
        var connection = StorageConnection.From(Settings(
            ("IMAGES__blobServiceUri", "https://images.blob.core.windows.net"),
            ("IMAGES__queueServiceUri", "https://jobs.queue.core.windows.net")), "IMAGES");

        Assert.Equal(new Uri("https://images.blob.core.windows.net/"), connection.BlobServiceUri);
        Assert.Equal(new Uri("https://jobs.queue.core.windows.net/"), connection.QueueServiceUri);
    }

    [Fact]
    public void The_serviceUri_alias_serves_the_service_it_names_and_a_queue_then_asks_for_its_own_setting()
    {
        var connection = StorageConnection.From(Settings(("IMAGES__serviceUri", "https://images.blob.core.windows.net")), "IMAGES");

        Assert.Equal(new Uri("https://images.blob.core.windows.net/"), connection.BlobServiceUri);
        Assert.Null(connection.QueueServiceUri);
        Assert.Contains("IMAGES__queueServiceUri", Assert.Throws<InvalidOperationException>(() => connection.Require(blob: true, queue: true)).Message);
    }

    [Theory]
    [InlineData("IMAGES__blobServiceUri", "images.blob.core.windows.net")]
    [InlineData("IMAGES__queueServiceUri", "ftp://images.queue.core.windows.net")]
    [InlineData("IMAGES__accountName", "Not-An-Account")]
    public void A_faulty_identity_setting_is_refused_naming_it(string setting, string value)
    {
        var failure = Assert.Throws<FormatException>(() => StorageConnection.From(Settings((setting, value)), "IMAGES"));

        Assert.Contains(setting, failure.Message);
    }

    [Theory]
    [InlineData("IMAGES")]
    [InlineData("AzureWebJobsStorage")]
    public void Nothing_configured_fails_naming_the_settings_to_set(string name)
    {
        var settings = Settings(("OTHER", "UseDevelopmentStorage=true"), (name, " "));

        Assert.Null(StorageConnection.Find(settings, name));
        var failure = Assert.Throws<InvalidOperationException>(() => StorageConnection.From(settings, name));
        Assert.Contains($"set {name} to a connection string", failure.Message);
        Assert.Contains($"{name}__accountName", failure.Message);
        Assert.Contains($"{name}__blobServiceUri", failure.Message);
    }

    /// <summary>As environment variables reach IConfiguration: NAME__key becomes NAME:key.</summary>
    internal static IConfiguration Settings(params (string Name, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Name.Replace("__", ":"), (string?)v.Value))).Build();
}
