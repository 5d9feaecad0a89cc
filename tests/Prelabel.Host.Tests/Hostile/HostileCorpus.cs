using System.Text;
using System.Text.Json.Nodes;
using static Prelabel.Host.Tests.Hostile.HostileCase;

namespace Prelabel.Host.Tests.Hostile;

/// <summary>Every hostile case, by kind: bodies, labeling configs, media URLs, media servers, drawn boxes and image bytes.</summary>
public static class HostileCorpus
{
    public static readonly IReadOnlyDictionary<string, HostileCase> All =
        Bodies().Concat(LabelingConfigs()).Concat(MediaUrls()).Concat(MediaServers()).Concat(DrawnBoxes()).Concat(ImageBytes())
            .ToDictionary(c => c.Name);

    public static TheoryData<string> Names() => new(All.Keys);

    private const string NotJson = "not valid JSON";

    private static IEnumerable<HostileCase> Bodies()
    {
        var overCap = Encoding.UTF8.GetBytes($"{{\"tasks\": [], \"pad\": \"{new string('x', (int)HostileServers.RequestCap + 10)}\"}}");
        (string Name, Func<HttpRequestMessage> Make, int Status, string[] Reason)[] Kinds(string path) =>
        [
            ("not-json", () => Post(path, "hello"), 400, [NotJson]),
            ("truncated", () => Post(path, """{"tasks": [{"id": 1"""), 400, [NotJson]),
            ("trailing-garbage", () => Post(path, "{} {}"), 400, [NotJson]),
            ("nesting-100", () => Post(path, "{\"a\":" + new string('[', 100) + new string(']', 100) + "}"), 400, [NotJson, "depth"]),
            ("nesting-100000", () => Post(path, new string('[', 100_000) + new string(']', 100_000)), 400, [NotJson, "depth"]),
            ("invalid-utf8-value", () => Post(path, [.. "{\"a\": \""u8, 0xFF, 0xFE, .. "\"}"u8]), 400, ["UTF-8", "offset 7"]),
            ("invalid-utf8-key", () => Post(path, [.. "{\""u8, 0xC3, .. "\": 1}"u8]), 400, ["UTF-8"]),
            ("overlong-utf8", () => Post(path, [.. "{\"a\": \""u8, 0xC0, 0xAF, .. "\"}"u8]), 400, ["UTF-8"]),
            ("lone-surrogate", () => Post(path, """{"project": "\ud800"}"""), 400, ["not valid text"]),
            ("duplicate-keys", () => Post(path, """{"project": "1.1", "project": "2.2"}"""), 400, [NotJson, "project"]),
            ("nul-byte", () => Post(path, [.. "{\"a\": 1\0}"u8]), 400, [NotJson]),
            ("over-cap-declared", () => Post(path, overCap), 413, ["MAX_REQUEST_BYTES", $"{HostileServers.RequestCap}"]),
            ("over-cap-chunked", () => Post(path, overCap, chunked: true), 413, ["MAX_REQUEST_BYTES", $"{HostileServers.RequestCap}"]),
            ("array", () => Post(path, "[1, 2]"), 400, ["JSON object"]),
            ("string", () => Post(path, "\"tasks\""), 400, ["JSON object"]),
            ("number", () => Post(path, "1e999"), 400, ["JSON object"]),
        ];
        foreach (var path in new[] { "/predict", "/setup", "/webhook" })
            foreach (var (name, make, status, reason) in Kinds(path))
                yield return new($"body{path}-{name}", _ => make(), status, reason);

        // /predict bodies that are JSON objects of the wrong shape.
        yield return new("predict-no-tasks", _ => Post("/predict", """{"label_config": "<View/>"}"""), 400, ["no \"tasks\""]);
        yield return new("predict-tasks-string", _ => Post("/predict", """{"tasks": "all", "label_config": "<View/>"}"""), 400, ["\"tasks\""]);
        yield return new("predict-task-number", _ => Post("/predict", """{"tasks": [7], "label_config": "<View/>"}"""), 400, ["tasks[0]"]);
        yield return new("predict-config-number", _ => Post("/predict", """{"tasks": [{"id": 1, "data": {}}], "label_config": 5}"""), 400, ["label_config"]);
        yield return new("predict-no-config", _ => Post("/predict", """{"tasks": [{"id": 1, "data": {}}], "project": "999.1"}"""), 400, ["label_config", "/setup"]);
        yield return new("predict-params-array", _ => Post("/predict", new JsonObject { ["tasks"] = new JsonArray(new JsonObject { ["id"] = 1, ["data"] = new JsonObject { ["image"] = "/data/upload/png" } }), ["label_config"] = Pets, ["params"] = new JsonArray(1) }.ToJsonString()), 200);
        yield return new("predict-data-string", _ => Post("/predict", new JsonObject { ["tasks"] = new JsonArray(new JsonObject { ["id"] = 1, ["data"] = "x" }), ["label_config"] = Pets }.ToJsonString()), 400, ["$image"]);
        yield return new("predict-image-number", _ => Predict(new JsonObject { ["image"] = 42 }), 502, ["'42'", "neither"]);
        yield return new("predict-image-missing", _ => Predict(new JsonObject { ["picture"] = "/data/upload/png" }), 400, ["image", "picture"]);
        yield return new("predict-id-string", _ => Post("/predict", new JsonObject { ["tasks"] = new JsonArray(new JsonObject { ["id"] = "one", ["data"] = new JsonObject { ["image"] = "/data/upload/png" } }), ["label_config"] = Pets }.ToJsonString()), 200);
        yield return new("webhook-project-array", _ => Post("/webhook", """{"action": "ANNOTATION_CREATED", "project": [1]}"""), 201);
        yield return new("webhook-action-number", _ => Post("/webhook", """{"action": 5}"""), 200);
        yield return new("setup-project-object", _ => Post("/setup", """{"project": {"id": 1}, "schema": 5}"""), 200);
    }

    private static IEnumerable<HostileCase> LabelingConfigs()
    {
        HostileCase Config(string name, Func<HostileServers, string> config, int status, params string[] reason) =>
            new($"config-{name}", s => Predict(new JsonObject { ["image"] = "/data/upload/png" }, config(s)), status, reason);
        string WithModel(string modelPath) => Pets.Replace("model_path=\"pets.onnx\"", $"model_path=\"{modelPath}\"");

        yield return Config("not-xml", _ => "this is not xml", 400, ["not valid XML"]);
        yield return Config("empty", _ => " ", 400, ["empty"]);
        yield return Config("unclosed", _ => "<View><Image name=\"image\" value=\"$image\">", 400, ["not valid XML", "not closed"]);
        yield return Config("billion-laughs", _ => """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
            <View><Image name="image" value="$image"/><Choices name="pet" toName="image" model_path="pets.onnx"><Choice value="&lol9;"/></Choices></View>
            """, 400, ["DTD is prohibited"]);
        yield return Config("external-entity", s => $"""
            <?xml version="1.0"?>
            <!DOCTYPE v [<!ENTITY secret SYSTEM "file://{s.SecretFile}">]>
            <View><Image name="image" value="$image"/><Choices name="pet" toName="image" model_path="pets.onnx"><Choice value="&secret;"/></Choices></View>
            """, 400, ["DTD is prohibited"]);
        yield return Config("parameter-entity", s => $"""
            <?xml version="1.0"?>
            <!DOCTYPE v [<!ENTITY % remote SYSTEM "http://127.0.0.1:{s.TargetPort}/dtd"> %remote;]>
            <View><Image name="image" value="$image"/></View>
            """, 400, ["DTD is prohibited"]);
        yield return Config("xinclude", s => $"""
            <View xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="file://{s.SecretFile}" parse="text"/>
            <Image name="image" value="$image"/><Choices name="pet" toName="image" model_path="pets.onnx"><Choice value="Cat"/><Choice value="Dog"/></Choices></View>
            """, 200);
        // XDocument loads and walks without recursion, so depth costs nothing but characters.
        yield return Config("nesting-20000", _ => string.Concat(Enumerable.Repeat("<View>", 20_000)) + Pets + string.Concat(Enumerable.Repeat("</View>", 20_000)), 200);
        yield return Config("over-a-million-characters", _ => Pets.Replace("<View>", "<View>" + new string(' ', 1_000_000)), 400, ["1000000"]);
        // The label matches no class of the model, so only Dog could be predicted, and the model says cat.
        yield return Config("huge-attribute", _ => Pets.Replace("value=\"Cat\"", $"value=\"{new string('C', 500_000)}\""), 200);
        yield return Config("many-choices", _ => Pets.Replace("<Choice value=\"Cat\"/>", string.Concat(Enumerable.Range(0, 20_000).Select(i => $"<Choice value=\"c{i}\"/>")) + "<Choice value=\"Cat\"/>"), 200);
        yield return Config("no-image", _ => "<View><Text name=\"text\" value=\"$text\"/><Choices name=\"c\" toName=\"text\"><Choice value=\"A\"/></Choices></View>", 422, ["Image"]);
        yield return Config("to-name-missing", _ => Pets.Replace("toName=\"image\"", "toName=\"nowhere\""), 422, ["nowhere"]);
        yield return Config("model-path-traversal", _ => WithModel("../../../../etc/passwd"), 422, ["model_path"]);
        yield return Config("model-path-absolute", s => WithModel(s.SecretFile), 422, ["model_path"]);
        yield return Config("model-path-url", s => WithModel($"http://127.0.0.1:{s.TargetPort}/model.onnx"), 422, ["model_path"]);
        yield return Config("model-path-not-onnx", _ => WithModel("notes.onnx"), 422, ["notes.onnx"]);
        yield return Config("model-path-truncated", _ => WithModel("truncated.onnx"), 422, ["truncated.onnx"]);
        yield return Config("model-path-missing", _ => WithModel("missing.onnx"), 422, ["missing.onnx"]);
        yield return Config("model-path-directory", _ => WithModel("."), 422, ["model_path"]);
        yield return Config("model-path-nul", _ => WithModel("pets.onnx&#0;.txt"), 400, ["not valid XML", "0x00"]);
        yield return Config("model-top-k-text", _ => Pets.Replace("choice=\"single\"", "choice=\"multiple\" model_top_k=\"x\""), 422, ["model_top_k"]);
        yield return Config("threshold-text", _ => Pets.Replace("choice=\"single\"", "choice=\"single\" model_score_threshold=\"abc\""), 422, ["model_score_threshold"]);
        yield return Config("image-value-no-dollar", _ => Pets.Replace("value=\"$image\"", "value=\"image\""), 502, ["'image'", "neither"]);
    }

    private static IEnumerable<HostileCase> MediaUrls()
    {
        HostileCase Url(string name, Func<HostileServers, string> url, int status, params string[] reason) =>
            new($"url-{name}", s => Predict(url(s)), status, reason);
        HostileCase Redirect(string name, Func<HostileServers, string> to, params string[] reason) =>
            new($"redirect-{name}", s => Predict(s.MediaUrl($"/redirect?to={Uri.EscapeDataString(to(s))}")), 502, reason);
        const string Loopback = "loopback address";
        const string Metadata = "metadata address";
        const string LinkLocal = "link-local address";

        // Schemes that are not http(s), and Label Studio paths that climb out of where they point.
        yield return Url("file", s => $"file://{s.SecretFile}", 502, ["neither an http(s) URL", "file"]);
        yield return Url("gopher", s => $"gopher://127.0.0.1:{s.TargetPort}/_GET", 502, ["neither an http(s) URL", "gopher"]);
        yield return Url("ftp", _ => "ftp://127.0.0.1/secret", 502, ["neither an http(s) URL", "ftp"]);
        yield return Url("dict", _ => "dict://127.0.0.1:11211/stats", 502, ["neither an http(s) URL", "dict"]);
        yield return Url("ldap", _ => "ldap://127.0.0.1/", 502, ["neither an http(s) URL", "ldap"]);
        yield return Url("jar", _ => "jar:http://127.0.0.1/a.jar!/", 502, ["neither an http(s) URL", "jar"]);
        yield return Url("data-uri", _ => "data:image/png;base64,iVBORw0KGgo=", 502, ["neither an http(s) URL", "data"]);
        yield return Url("javascript", _ => "javascript:alert(1)", 502, ["neither an http(s) URL", "javascript"]);
        yield return Url("relative", _ => "images/a.png", 502, ["neither an http(s) URL", "images/a.png"]);
        yield return Url("local-files-traversal", s => $"/data/local-files/?d=../{Path.GetFileName(s.SecretFile)}", 502, ["LOCAL_FILES_DOCUMENT_ROOT"]);
        yield return Url("local-files-absolute", s => $"/data/local-files/?d={s.SecretFile}", 502, []);
        yield return Url("local-files-ok", _ => "/data/local-files/?d=ok.png", 200);
        yield return Url("upload-ok", _ => "/data/upload/png", 200);
        yield return Url("s3-unknown-storage", _ => "s3://bucket/key.png", 502, ["resolver", "cloud storage"]);

        // Cloud metadata in every spelling: refused whatever MEDIA_ALLOWED_HOSTS says.
        yield return Url("metadata-v4", _ => "http://169.254.169.254/metadata/instance?api-version=2021-02-01", 502, [LinkLocal]);
        yield return Url("metadata-hex", _ => "http://0xa9fea9fe/latest/meta-data/", 502, [LinkLocal]);
        yield return Url("metadata-decimal", _ => "http://2852039166/latest/meta-data/", 502, [LinkLocal]);
        yield return Url("metadata-octal", _ => "http://0251.0376.0251.0376/latest/", 502, [LinkLocal]);
        yield return Url("metadata-short", _ => "http://169.254.43518/latest/", 502, [LinkLocal]);
        yield return Url("metadata-mapped", _ => "http://[::ffff:169.254.169.254]/latest/", 502, [LinkLocal]);
        yield return Url("metadata-mapped-hex", _ => "http://[::ffff:a9fe:a9fe]/latest/", 502, [LinkLocal]);
        yield return Url("metadata-nat64", _ => "http://[64:ff9b::a9fe:a9fe]/latest/", 502, [LinkLocal]);
        yield return Url("metadata-aws-v6", _ => "http://[fd00:ec2::254]/latest/", 502, [Metadata]);
        yield return Url("metadata-alibaba", _ => "http://100.100.100.200/latest/meta-data/", 502, [Metadata]);
        yield return Url("metadata-azure-wireserver", _ => "http://168.63.129.16/machine?comp=goalstate", 502, [Metadata]);
        yield return Url("link-local-v6", _ => "http://[fe80::1]/", 502, [LinkLocal]);
        yield return Url("multicast", _ => "http://224.0.0.1/", 502, ["multicast"]);

        // Loopback in every spelling, to a port that is not Label Studio's: never connected to.
        yield return Url("loopback", s => $"http://127.0.0.1:{s.TargetPort}/", 502, [Loopback, "MEDIA_ALLOWED_HOSTS"]);
        yield return Url("loopback-127-2", s => $"http://127.0.0.2:{s.TargetPort}/", 502, [Loopback]);
        yield return Url("loopback-short", s => $"http://127.1:{s.TargetPort}/", 502, [Loopback]);
        yield return Url("loopback-hex", s => $"http://0x7f000001:{s.TargetPort}/", 502, [Loopback]);
        yield return Url("loopback-hex-dotted", s => $"http://0x7f.0x0.0x0.0x1:{s.TargetPort}/", 502, [Loopback]);
        yield return Url("loopback-decimal", s => $"http://2130706433:{s.TargetPort}/", 502, [Loopback]);
        yield return Url("loopback-octal", s => $"http://0177.0.0.1:{s.TargetPort}/", 502, [Loopback]);
        yield return Url("loopback-name", s => $"http://localhost:{s.TargetPort}/", 502, [Loopback]);
        yield return Url("loopback-v6", s => $"http://[::1]:{s.TargetPort}/", 502, [Loopback]);
        yield return Url("loopback-mapped", s => $"http://[::ffff:127.0.0.1]:{s.TargetPort}/", 502, [Loopback]);
        yield return Url("unspecified", s => $"http://0.0.0.0:{s.TargetPort}/", 502, ["unspecified address"]);
        yield return Url("unspecified-v6", s => $"http://[::]:{s.TargetPort}/", 502, ["unspecified address"]);
        yield return Url("private-10", _ => "http://10.0.0.1/", 502, ["private address"]);
        yield return Url("private-172", _ => "http://172.16.0.1/", 502, ["private address"]);
        yield return Url("private-192", _ => "http://192.168.0.1/", 502, ["private address"]);
        yield return Url("cgnat", _ => "http://100.64.0.1/", 502, ["carrier-grade NAT"]);
        yield return Url("userinfo-trick", s => $"http://127.0.0.1:{s.MediaPort}@127.0.0.1:{s.TargetPort}/", 502, [Loopback]);
        yield return Url("userinfo-metadata", s => $"http://user:pass@169.254.169.254/", 502, [LinkLocal]);
        yield return Url("fragment-trick", s => $"http://127.0.0.1:{s.TargetPort}#@127.0.0.1:{s.MediaPort}/image/png", 502, [Loopback]);
        yield return Url("backslash-trick", s => $"http://127.0.0.1:{s.TargetPort}\\@127.0.0.1:{s.MediaPort}/image/png", 502, []);
        yield return Url("unresolvable-name", _ => "http://prelabel-does-not-exist.invalid/a.png", 502, ["prelabel-does-not-exist.invalid"]);

        // Allowed servers that redirect somewhere that is not.
        yield return Redirect("to-metadata", _ => "http://169.254.169.254/latest/meta-data/", LinkLocal);
        yield return Redirect("to-metadata-v6", _ => "http://[fd00:ec2::254]/latest/", Metadata);
        yield return Redirect("to-loopback", s => $"http://127.0.0.1:{s.TargetPort}/", Loopback);
        yield return Redirect("to-loopback-decimal", s => $"http://2130706433:{s.TargetPort}/", Loopback);
        yield return Redirect("to-localhost", s => $"http://localhost:{s.TargetPort}/", Loopback);
        yield return Redirect("to-file", s => $"file://{s.SecretFile}", "file");
        yield return Redirect("to-gopher", s => $"gopher://127.0.0.1:{s.TargetPort}/_x", "gopher");
        yield return Redirect("to-ftp", _ => "ftp://127.0.0.1/x", "ftp");
        yield return new("redirect-loop", s => Predict(s.MediaUrl("/loop")), 502, "redirects");
        yield return new("redirect-chain-10", s => Predict(s.MediaUrl("/chain/10")), 502, "redirects");
        yield return new("redirect-chain-3", s => Predict(s.MediaUrl("/chain/3")), 200);
        yield return new("redirect-no-location", s => Predict(s.MediaUrl("/no-location")), 502, "Location");
    }

    private static IEnumerable<HostileCase> MediaServers()
    {
        HostileCase Server(string name, string path, int status, params string[] reason) => new($"server-{name}", s => Predict(s.MediaUrl(path)), status, reason);
        yield return Server("trickle", "/trickle", 502, "timed out", "MEDIA_TIMEOUT_SECONDS");
        yield return Server("silent", "/silent", 502, "timed out");
        // Reset before or after the headers arrive, depending on timing: either way the reason is the connection.
        yield return Server("lying-length-short", "/short", 502, "connection");
        yield return Server("declares-10-gb", "/declares-huge", 502, "MEDIA_MAX_BYTES");
        yield return Server("declares-less", "/declares-small", 422, "PNG");
        yield return Server("endless", "/endless", 502, "MEDIA_MAX_BYTES");
        yield return Server("gzip-bomb", "/gzip-bomb", 422, "unsupported image format");
        yield return Server("html", "/html", 422, "unsupported image format", "HTML");
        yield return Server("empty-body", "/empty", 422, "empty");
        yield return Server("401", "/status/401", 502, "401");
        yield return Server("403", "/status/403", 502, "403");
        yield return Server("404", "/status/404", 502, "404");
        yield return Server("500", "/status/500", 502, "500");
        yield return Server("503", "/status/503", 502, "503");
        yield return Server("204", "/status/204", 422, "empty");
    }

    /// <summary>Interactive calls: the boxes an annotator drew arrive in params.context, shaped by whoever sent them.</summary>
    private static IEnumerable<HostileCase> DrawnBoxes()
    {
        const string Ocr = """
            <View>
              <Image name="image" value="$image"/>
              <RectangleLabels name="label" toName="image"><Label value="Text"/></RectangleLabels>
              <TextArea name="transcription" toName="image" perRegion="true"/>
            </View>
            """;
        static JsonObject Box(JsonNode? x = null, JsonNode? width = null, JsonNode? originalWidth = null, JsonNode? type = null) => new()
        {
            ["result"] = new JsonArray(new JsonObject
            {
                ["id"] = "b1", ["from_name"] = "label", ["to_name"] = "image", ["type"] = type ?? "rectanglelabels",
                ["original_width"] = originalWidth ?? 64, ["original_height"] = 48,
                ["value"] = new JsonObject { ["x"] = x ?? 10, ["y"] = 10, ["width"] = width ?? 50, ["height"] = 50, ["rotation"] = 0, ["rectanglelabels"] = new JsonArray("Text") },
            }),
        };
        HostileCase Drawn(string name, JsonObject context, int status, params string[] reason) =>
            new($"drawn-{name}", _ => Predict(new JsonObject { ["image"] = "/data/upload/png" }, Ocr, context), status, reason);

        yield return Drawn("ok", Box(), 200);
        yield return Drawn("x-text", Box(x: "left"), 400, "x");
        yield return Drawn("width-negative", Box(width: -50), 200);
        yield return Drawn("width-huge", Box(width: 1e308), 200);
        yield return Drawn("outside-image", Box(x: 500), 200);
        yield return Drawn("original-width-text", Box(originalWidth: "wide"), 400, "original_width");
        yield return Drawn("original-width-zero", Box(originalWidth: 0), 200);
        yield return Drawn("type-number", Box(type: 7), 200);
        yield return Drawn("result-not-list", new JsonObject { ["result"] = "box" }, 200);
    }

    private static IEnumerable<HostileCase> ImageBytes() =>
        HostileImages.Cases.Select(c => new HostileCase($"image-{c.Name}", s => Predict(s.MediaUrl($"/image/{c.Name}")), c.Status, c.Reason));
}
