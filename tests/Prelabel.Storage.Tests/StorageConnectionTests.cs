using Azure.Identity;
using Prelabel.Testing;

namespace Prelabel.Storage.Tests;

public sealed class StorageConnectionTests
{
    // A made-up base64 key: the tests check it never shows up in messages.
    private const string Key = "c2VjcmV0LWtleS1ieXRlcy10aGF0LW11c3Qtbm90LWxlYWs=";
    private const string Signature = "sig=S3cr3tSignature%3D";

    [Fact]
    public void UseDevelopmentStorage_points_at_Azurite_default_ports_with_its_well_known_account()
    {
        var connection = StorageConnection.Parse("UseDevelopmentStorage=true");

        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), connection.BlobServiceUri);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), connection.QueueServiceUri);
        Assert.Contains("devstoreaccount1", connection.ToString());
        Assert.DoesNotContain(Azurite.AccountKey, connection.ToString());
    }

    [Theory]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=prelabel;AccountKey=" + Key + ";EndpointSuffix=core.windows.net", "https://prelabel.blob.core.windows.net/", "https://prelabel.queue.core.windows.net/")]
    [InlineData("AccountName=prelabel;AccountKey=" + Key, "https://prelabel.blob.core.windows.net/", "https://prelabel.queue.core.windows.net/")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=cn;AccountKey=" + Key + ";EndpointSuffix=core.chinacloudapi.cn", "http://cn.blob.core.chinacloudapi.cn/", "http://cn.queue.core.chinacloudapi.cn/")]
    [InlineData(" accountname = prelabel ; accountkey = " + Key + " ; ", "https://prelabel.blob.core.windows.net/", "https://prelabel.queue.core.windows.net/")]
    public void An_account_name_and_suffix_make_the_service_endpoints(string connectionString, string blob, string queue)
    {
        var connection = StorageConnection.Parse(connectionString);

        Assert.Equal(new Uri(blob), connection.BlobServiceUri);
        Assert.Equal(new Uri(queue), connection.QueueServiceUri);
        Assert.DoesNotContain(Key, connection.ToString());
    }

    [Fact]
    public void Explicit_endpoints_win_over_the_account_name()
    {
        var connection = StorageConnection.Parse(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};BlobEndpoint=http://127.0.0.1:41000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:41001/devstoreaccount1;");

        Assert.Equal(new Uri("http://127.0.0.1:41000/devstoreaccount1"), connection.BlobServiceUri);
        Assert.Equal(new Uri("http://127.0.0.1:41001/devstoreaccount1"), connection.QueueServiceUri);
    }

    [Fact]
    public void A_sas_connection_string_needs_no_account_and_never_shows_the_signature()
    {
        var connection = StorageConnection.Parse($"BlobEndpoint=https://acct.blob.core.windows.net;SharedAccessSignature=sv=2024-11-04&ss=b&{Signature}");

        Assert.Equal(new Uri("https://acct.blob.core.windows.net"), connection.BlobServiceUri);
        Assert.Null(connection.QueueServiceUri);
        Assert.Contains("shared access signature", connection.ToString());
        Assert.DoesNotContain("S3cr3t", connection.ToString());
        Assert.NotNull(connection.CreateBlobServiceClient());
        var missingQueue = Assert.Throws<InvalidOperationException>(() => connection.CreateQueueServiceClient());
        Assert.Contains("QueueEndpoint", missingQueue.Message);
    }

    [Theory]
    [InlineData("AccountKey=" + Key, "AccountName")]
    [InlineData("AccountName=acct", "AccountKey")]
    [InlineData("AccountName=acct;AccountKey=not*base64" + Key, "base64")]
    [InlineData("BlobEndpoint=not a uri;AccountKey=" + Key, "BlobEndpoint")]
    [InlineData("BlobEndpoint=ftp://x/?" + Signature + ";SharedAccessSignature=" + Signature, "BlobEndpoint")]
    [InlineData("AccountName=acct;S3cr3tWithoutAnEqualsSign", "key=value")]
    [InlineData("DefaultEndpointsProtocol=ftp;AccountName=acct;AccountKey=" + Key, "DefaultEndpointsProtocol")]
    public void A_faulty_connection_string_is_refused_naming_the_part_but_not_the_secret(string connectionString, string named)
    {
        var failure = Assert.Throws<FormatException>(() => StorageConnection.Parse(connectionString));

        Assert.Contains(named, failure.Message);
        Assert.DoesNotContain(Key, failure.ToString());
        Assert.DoesNotContain("S3cr3t", failure.ToString());
    }

    [Fact]
    public void A_setting_holding_a_connection_string_wins_and_names_the_connection()
    {
        var connection = StorageConnection.FromSettings("IMAGES", Settings(
            ("IMAGES", $"AccountName=images;AccountKey={Key}"),
            ("IMAGES__accountName", "ignored")));

        Assert.Equal("IMAGES", connection.Name);
        Assert.Equal(new Uri("https://images.blob.core.windows.net/"), connection.BlobServiceUri);
        Assert.Null(connection.TokenCredential);
        Assert.StartsWith("IMAGES: ", connection.ToString());
    }

    [Fact]
    public void An_account_name_setting_makes_an_identity_based_connection_through_DefaultAzureCredential()
    {
        var connection = StorageConnection.FromSettings("AzureWebJobsStorage", Settings(("AzureWebJobsStorage__accountName", "prelabelstore")));

        Assert.Equal(new Uri("https://prelabelstore.blob.core.windows.net/"), connection.BlobServiceUri);
        Assert.Equal(new Uri("https://prelabelstore.queue.core.windows.net/"), connection.QueueServiceUri);
        Assert.IsType<DefaultAzureCredential>(connection.TokenCredential);
        Assert.NotNull(connection.CreateBlobServiceClient());
        Assert.NotNull(connection.CreateQueueServiceClient());
    }

    [Fact]
    public void Service_uri_settings_give_the_endpoints()
    {
        var connection = StorageConnection.FromSettings("IMAGES", Settings(
            ("IMAGES__blobServiceUri", "https://images.blob.core.windows.net"),
            ("IMAGES__queueServiceUri", "https://jobs.queue.core.windows.net"),
            ("IMAGES__accountName", "ignored")));

        Assert.Equal(new Uri("https://images.blob.core.windows.net"), connection.BlobServiceUri);
        Assert.Equal(new Uri("https://jobs.queue.core.windows.net"), connection.QueueServiceUri);
    }

    [Fact]
    public void A_blob_only_identity_connection_says_which_setting_a_queue_needs()
    {
        var connection = StorageConnection.FromSettings("IMAGES", Settings(("IMAGES__serviceUri", "https://images.blob.core.windows.net")));

        var failure = Assert.Throws<InvalidOperationException>(() => connection.CreateQueueServiceClient());

        Assert.Equal(new Uri("https://images.blob.core.windows.net"), connection.BlobServiceUri);
        Assert.Contains("IMAGES__queueServiceUri", failure.Message);
    }

    [Fact]
    public void Credential_managedidentity_with_a_client_id_uses_that_user_assigned_identity()
    {
        var connection = StorageConnection.FromSettings("IMAGES", Settings(
            ("IMAGES__accountName", "images"),
            ("IMAGES__credential", "managedidentity"),
            ("IMAGES__clientId", "11111111-2222-3333-4444-555555555555")));

        Assert.IsType<ManagedIdentityCredential>(connection.TokenCredential);
        Assert.Contains("user-assigned managed identity 11111111-2222-3333-4444-555555555555", connection.ToString());
    }

    [Fact]
    public void Credential_managedidentity_alone_uses_the_system_assigned_identity()
    {
        var connection = StorageConnection.FromSettings("IMAGES", Settings(("IMAGES__accountName", "images"), ("IMAGES__credential", "ManagedIdentity")));

        Assert.IsType<ManagedIdentityCredential>(connection.TokenCredential);
        Assert.Contains("system-assigned managed identity", connection.ToString());
    }

    [Fact]
    public void An_unknown_credential_kind_is_refused_naming_the_setting()
    {
        var failure = Assert.Throws<FormatException>(() =>
            StorageConnection.FromSettings("IMAGES", Settings(("IMAGES__accountName", "images"), ("IMAGES__credential", "clientsecret"))));

        Assert.Contains("IMAGES__credential", failure.Message);
    }

    [Fact]
    public void A_faulty_service_uri_setting_is_refused_naming_the_setting()
    {
        var failure = Assert.Throws<FormatException>(() =>
            StorageConnection.FromSettings("IMAGES", Settings(("IMAGES__blobServiceUri", "images.blob.core.windows.net"))));

        Assert.Contains("IMAGES__blobServiceUri", failure.Message);
    }

    [Theory]
    [InlineData("IMAGES")]
    [InlineData("AzureWebJobsStorage")]
    public void Nothing_configured_fails_naming_the_settings_to_set(string name)
    {
        var failure = Assert.Throws<InvalidOperationException>(() => StorageConnection.FromSettings(name, Settings(("OTHER", "UseDevelopmentStorage=true"), (name, " "))));

        Assert.Contains($"set {name} to a connection string", failure.Message);
        Assert.Contains($"{name}__accountName", failure.Message);
        Assert.Contains($"{name}__blobServiceUri", failure.Message);
    }

    [Fact]
    public void A_faulty_connection_string_in_a_setting_names_the_setting()
    {
        var failure = Assert.Throws<FormatException>(() => StorageConnection.FromSettings("IMAGES", Settings(("IMAGES", $"AccountKey={Key}"))));

        Assert.Contains("connection string in IMAGES", failure.Message);
        Assert.DoesNotContain(Key, failure.ToString());
    }

    [Fact]
    public void A_shared_key_credential_never_prints_its_key()
    {
        var credential = new StorageSharedKeyCredential("acct", Key);

        Assert.Equal("shared key of account acct", credential.ToString());
    }

    private static Func<string, string?> Settings(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;
}
