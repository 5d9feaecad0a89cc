using System.Text.Json;
using System.Text.Json.Nodes;

namespace Prelabel.LabelStudio.Client;

/// <summary>
/// Label Studio's explanation in an error body, as one line: the DRF <c>detail</c>, followed by the validation errors
/// its exception handler moves to <c>validation_errors</c> (e.g. an import's "Error at item 1: …" per task).
/// </summary>
internal static class LabelStudioErrorDetail
{
    // An import of thousands of tasks can answer thousands of item errors; the first few say what is wrong.
    private const int MaxLength = 2000;

    public static string? Read(string body)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }

        var detail = root is JsonObject envelope && envelope["detail"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        var errors = root switch
        {
            JsonObject answer when answer["validation_errors"] is { } validation => Flatten(validation),
            // Plain DRF field errors, without Label Studio's envelope.
            JsonObject answer when detail is null => Flatten(answer),
            JsonArray list => Flatten(list),
            _ => "",
        };
        var line = (detail, errors) switch
        {
            (_, "") => detail,
            (null, _) => errors,
            _ => $"{detail}: {errors}",
        };
        return line is { Length: > MaxLength } ? line[..MaxLength] + "…" : line;
    }

    private static string Flatten(JsonNode node)
    {
        var messages = new List<string>();
        Collect(node, null, messages);
        return string.Join("; ", messages);
    }

    private static void Collect(JsonNode? node, string? field, List<string> messages)
    {
        switch (node)
        {
            case JsonObject fields:
                foreach (var (name, value) in fields)
                {
                    Collect(value, name == "non_field_errors" ? field : field is null ? name : $"{field}.{name}", messages);
                }

                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    Collect(item, field, messages);
                }

                break;
            case JsonValue value:
                var text = value.TryGetValue<string>(out var s) ? s : value.ToJsonString();
                messages.Add(field is null ? text : $"{field}: {text}");
                break;
        }
    }
}
