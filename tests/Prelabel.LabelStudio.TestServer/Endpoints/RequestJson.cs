using System.Text.Json;
using System.Text.Json.Nodes;

namespace Prelabel.LabelStudio.TestServer.Endpoints;

/// <summary>Reads a JSON request body the way DRF's JSONParser does: anything else is a 400 "JSON parse error".</summary>
internal static class RequestJson
{
    public static async Task<(JsonNode? Body, IResult? Error)> ReadAsync(HttpRequest request)
    {
        try
        {
            return (await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted), null);
        }
        catch (JsonException error)
        {
            return (null, DrfResults.ParseError(error.Message));
        }
    }

    /// <summary>Python's name for the JSON type, as DRF messages say it ("dict", "list", "str", …).</summary>
    public static string PythonType(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.Object => "dict",
        JsonValueKind.Array => "list",
        JsonValueKind.String => "str",
        JsonValueKind.Number => "int",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "NoneType",
    };

    /// <summary>A score as Label Studio keeps it: a number (or a numeric string, as Python's float() reads it), else none.</summary>
    public static double? Score(JsonNode? score) => score switch
    {
        JsonValue value when value.TryGetValue<double>(out var number) => number,
        JsonValue value when value.TryGetValue<string>(out var text)
            && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };
}
