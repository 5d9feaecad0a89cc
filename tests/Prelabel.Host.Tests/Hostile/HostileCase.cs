using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Prelabel.Host.Tests.Hostile;

/// <summary>
/// One hostile request: how to make it against the servers, the status it must get (200: a prediction) and the words
/// the JSON reason must hold, so the answer says what was wrong.
/// </summary>
public sealed record HostileCase(string Name, Func<HostileServers, HttpRequestMessage> Request, int Status, params string[] Reason)
{
    public override string ToString() => Name;

    public const string Pets = """
        <View>
          <Image name="image" value="$image"/>
          <Choices name="pet" toName="image" model_path="pets.onnx" choice="single"><Choice value="Cat"/><Choice value="Dog"/></Choices>
        </View>
        """;

    public static HttpRequestMessage Post(string path, string json) => Post(path, Encoding.UTF8.GetBytes(json));

    public static HttpRequestMessage Post(string path, byte[] body, bool chunked = false)
    {
        HttpContent content = chunked ? new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TransferEncodingChunked = chunked;
        return request;
    }

    /// <summary>A /predict call for one task whose image is at <paramref name="url"/>.</summary>
    public static HttpRequestMessage Predict(string url, string config = Pets) => Predict(new JsonObject { ["image"] = url }, config);

    public static HttpRequestMessage Predict(JsonObject data, string config = Pets, JsonObject? context = null) =>
        Post("/predict", new JsonObject
        {
            ["tasks"] = new JsonArray(new JsonObject { ["id"] = 1, ["data"] = data }),
            ["label_config"] = config,
            ["project"] = "1.1746612998",
            ["params"] = new JsonObject { ["context"] = context },
        }.ToJsonString());
}
