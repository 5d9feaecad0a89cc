using System.Net;
using System.Text;

namespace Prelabel.LabelStudio.Client.Tests;

/// <summary>Answers every request with one fixed JSON response, for answers the test server does not give (Label Studio Enterprise's).</summary>
internal sealed class StubHandler(HttpStatusCode status, string json) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(status) { RequestMessage = request, Content = new StringContent(json, Encoding.UTF8, "application/json") });
}
