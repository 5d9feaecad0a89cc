using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Prelabel.LabelStudio.Client;

/// <summary>The Label Studio REST requests <see cref="LabelStudioApiClient"/> sends: paths, queries and bodies, nothing else.</summary>
/// <param name="baseUrl">LABEL_STUDIO_URL without a trailing slash; a path prefix is kept.</param>
internal sealed class LabelStudioRequests(string baseUrl)
{
    /// <summary>Serialized once, so every attempt sends the same bytes.</summary>
    public static byte[] JsonBody(JsonNode body) => Encoding.UTF8.GetBytes(body.ToJsonString());

    public HttpRequestMessage GetProject(long projectId) => new(HttpMethod.Get, Url($"/api/projects/{projectId}/"));

    /// <remarks><c>resolve_uri=false</c> keeps task data as stored (e.g. <c>azure-blob://</c>) instead of proxy URLs.</remarks>
    public HttpRequestMessage ListTasks(long projectId, int page, int pageSize) =>
        new(HttpMethod.Get, Url($"/api/tasks/?project={projectId}&page={page}&page_size={pageSize}&fields=all&resolve_uri=false"));

    public HttpRequestMessage ImportTasks(long projectId, byte[] tasks) =>
        new(HttpMethod.Post, Url($"/api/projects/{projectId}/import?return_task_ids=true")) { Content = Json(tasks) };

    // The trailing slash is part of the route (Django REST framework router); Django does not add it to a POST.
    public HttpRequestMessage CreatePrediction(byte[] prediction) => new(HttpMethod.Post, Url($"/api/predictions/")) { Content = Json(prediction) };

    public HttpRequestMessage DeletePrediction(long predictionId) => new(HttpMethod.Delete, Url($"/api/predictions/{predictionId}/"));

    private string Url(FormattableString pathAndQuery) => baseUrl + pathAndQuery.ToString(CultureInfo.InvariantCulture);

    private static ByteArrayContent Json(byte[] body) => new(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
}
