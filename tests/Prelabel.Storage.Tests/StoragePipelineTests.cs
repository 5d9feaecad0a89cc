using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Http;
using Prelabel.Testing;

namespace Prelabel.Storage.Tests;

/// <summary>What goes on the wire for every request (auth, x-ms-version, retries, timeouts), seen by Kestrel on 127.0.0.1.</summary>
public sealed class StoragePipelineTests
{
    private static readonly StorageSharedKeyCredential Key = new(Azurite.AccountName, Azurite.AccountKey);

    [Fact]
    public async Task A_token_credential_sends_a_bearer_token_for_the_storage_scope_with_x_ms_version()
    {
        using var certificate = SelfSignedCertificate();
        await using var server = await LoopbackServer.StartAsync((context, _) => Answer(context, 201), certificate);
        var credential = new RecordingTokenCredential("token-123");
        var options = new StorageClientOptions { Transport = TrustingTransport(certificate) };
        var service = new BlobServiceClient(new Uri(server.Uri, "/account"), credential, options);

        var created = await service.GetBlobContainerClient("images").CreateIfNotExistsAsync();

        Assert.True(created);
        var request = Assert.Single(server.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal("/account/images?restype=container", request.PathAndQuery);
        Assert.Equal("Bearer token-123", request.Headers["Authorization"]);
        Assert.Equal(StorageClientOptions.DefaultServiceVersion, request.Headers["x-ms-version"]);
        Assert.Equal(["https://storage.azure.com/.default"], Assert.Single(credential.Requests).Scopes);
    }

    [Fact]
    public async Task A_token_credential_over_plain_http_is_refused_before_sending()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => Answer(context, 201));
        var service = new BlobServiceClient(server.Uri, new RecordingTokenCredential("token"), new StorageClientOptions());

        await Assert.ThrowsAsync<InvalidOperationException>(() => service.GetBlobContainerClient("images").CreateIfNotExistsAsync());
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_503_is_retried_and_each_try_is_signed_afresh()
    {
        await using var server = await LoopbackServer.StartAsync((context, number) => Answer(context, number == 0 ? 503 : 201));
        var service = new BlobServiceClient(server.Uri, Key, FastRetries());

        var created = await service.GetBlobContainerClient("images").CreateIfNotExistsAsync();

        Assert.True(created);
        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.StartsWith($"SharedKey {Azurite.AccountName}:", r.Headers["Authorization"]));
        Assert.All(server.Requests, r => Assert.True(r.Headers.ContainsKey("x-ms-date")));
        Assert.All(server.Requests, r => Assert.Equal(StorageClientOptions.DefaultServiceVersion, r.Headers["x-ms-version"]));
    }

    [Fact]
    public async Task Retries_stop_after_MaxRetries_and_the_last_answer_is_the_error()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => Answer(context, 500, "InternalError"));
        var options = FastRetries();
        options.Retry.MaxRetries = 2;
        var service = new BlobServiceClient(server.Uri, Key, options);

        var failure = await Assert.ThrowsAsync<StorageRequestFailedException>(() => service.GetBlobContainerClient("images").CreateIfNotExistsAsync());

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(500, failure.Status);
        Assert.Equal("InternalError", failure.ErrorCode);
    }

    [Fact]
    public async Task A_404_is_not_retried_and_its_error_code_comes_from_the_header_when_there_is_no_body()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => Answer(context, 404, StorageErrorCode.BlobNotFound));
        var blob = new BlobServiceClient(server.Uri, Key, FastRetries()).GetBlobContainerClient("images").GetBlobClient("a.png");

        var failure = await Assert.ThrowsAsync<StorageRequestFailedException>(() => blob.GetPropertiesAsync());

        Assert.Single(server.Requests);
        Assert.True(failure.IsNotFound);
        Assert.Equal(StorageErrorCode.BlobNotFound, failure.ErrorCode);
        Assert.Contains("HEAD", failure.Message);
        Assert.Contains("/images/a.png", failure.Message);
    }

    [Fact]
    public async Task A_silent_server_fails_each_try_after_the_network_timeout_with_status_0()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        var options = FastRetries();
        options.Retry.MaxRetries = 1;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(1);
        var service = new BlobServiceClient(server.Uri, Key, options);

        var failure = await Assert.ThrowsAsync<StorageRequestFailedException>(() => service.GetBlobContainerClient("images").CreateIfNotExistsAsync());

        Assert.Equal(0, failure.Status);
        Assert.Contains("timeout", failure.Message);
        Assert.StartsWith($"PUT {server.Uri}images got no answer", failure.Message);
        var tries = Assert.IsType<AggregateException>(failure.InnerException);
        Assert.Equal(2, tries.InnerExceptions.Count);
    }

    [Fact]
    public async Task Cancelling_stays_a_cancellation()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        var service = new BlobServiceClient(server.Uri, Key, FastRetries());
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => service.GetBlobContainerClient("images").CreateIfNotExistsAsync(cancellation.Token));
    }

    [Fact]
    public async Task A_closed_port_fails_with_status_0_after_the_retries()
    {
        var port = await ClosedPortAsync();
        var options = FastRetries();
        options.Retry.MaxRetries = 1;
        var blob = new BlobServiceClient(new Uri($"http://127.0.0.1:{port}/account"), new Azure.AzureSasCredential("sig=secret"), options)
            .GetBlobContainerClient("images").GetBlobClient("a.png");

        var failure = await Assert.ThrowsAsync<StorageRequestFailedException>(() => blob.GetPropertiesAsync());

        Assert.Equal(0, failure.Status);
        Assert.Null(failure.ErrorCode);
        Assert.DoesNotContain("secret", failure.ToString());
    }

    [Fact]
    public async Task A_sas_is_appended_once_even_when_the_request_is_retried()
    {
        await using var server = await LoopbackServer.StartAsync((context, number) => Answer(context, number == 0 ? 503 : 201));
        var service = new BlobServiceClient(server.Uri, new Azure.AzureSasCredential("?sv=2024-11-04&sig=abc%2B"), FastRetries());

        await service.GetBlobContainerClient("images").CreateIfNotExistsAsync();

        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("/images?restype=container&sv=2024-11-04&sig=abc%2B", r.PathAndQuery));
        Assert.All(server.Requests, r => Assert.False(r.Headers.ContainsKey("Authorization")));
    }

    [Fact]
    public void The_shared_key_string_to_sign_has_sorted_x_ms_headers_and_sorted_decoded_query_parameters()
    {
        var request = HttpPipelineBuilder.Build(new StorageClientOptions()).CreateRequest();
        request.Method = RequestMethod.Get;
        request.Uri.Reset(new Uri("http://127.0.0.1:10000/devstoreaccount1/images?restype=container&comp=list&prefix=a%20b%2Fc"));
        request.Headers.SetValue("x-ms-version", "2024-11-04");
        request.Headers.SetValue("X-MS-Date", "Fri, 26 Jun 2015 23:39:12 GMT");
        request.Headers.SetValue("If-Match", "\"0x1\"");

        var text = StorageSharedKeyPolicy.StringToSign(request, "devstoreaccount1");

        Assert.Equal(
            "GET\n\n\n\n\n\n\n\n\"0x1\"\n\n\n\n"
            + "x-ms-date:Fri, 26 Jun 2015 23:39:12 GMT\nx-ms-version:2024-11-04\n"
            + "/devstoreaccount1/devstoreaccount1/images\ncomp:list\nprefix:a b/c\nrestype:container",
            text);
    }

    private static async Task<int> ClosedPortAsync()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => Task.CompletedTask);
        return server.Uri.Port;
    }

    private static StorageClientOptions FastRetries()
    {
        var options = new StorageClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(50);
        return options;
    }

    private static Task Answer(HttpContext context, int status, string? errorCode = null)
    {
        context.Response.StatusCode = status;
        if (errorCode is not null)
        {
            context.Response.Headers["x-ms-error-code"] = errorCode;
        }

        return Task.CompletedTask;
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static HttpClientTransport TrustingTransport(X509Certificate2 certificate) => new(new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
    });

    private sealed class RecordingTokenCredential(string token) : TokenCredential
    {
        public List<TokenRequestContext> Requests { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            lock (Requests)
            {
                Requests.Add(requestContext);
            }

            return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }
}
