using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;

namespace Prelabel.LabelStudio.TestServer.Endpoints;

/// <summary>
/// Label Studio's <c>TaskValidator</c> for the import API: each item is <c>{"data", "meta", "annotations", "predictions"}</c>
/// or, without a <c>data</c> key, the data itself; <c>data</c> must hold every key the labeling config reads. One error
/// per bad item, "Error at item {i}: {reason} :: {item}", and <c>{}</c> per good one; nothing is imported unless all are good.
/// </summary>
internal static class TaskImportValidator
{
    private const int MaxErrors = 100;

    /// <returns>The tasks, or null with the error list to answer.</returns>
    public static (List<ImportedTask>? Tasks, JsonArray? Errors) Validate(string labelConfig, JsonArray items)
    {
        if (items.Count == 0)
        {
            return (null, new JsonArray("data is empty"));
        }

        var keys = DataKeys(labelConfig);
        var tasks = new List<ImportedTask>();
        var errors = new JsonArray();
        var failed = false;
        for (var i = 0; i < items.Count && errors.Count < MaxErrors; i++)
        {
            var reason = Check(items[i], keys, out var task);
            failed |= reason is not null;
            errors.Add(reason is null ? new JsonObject() : $"Error at item {i}: {reason} :: {items[i]?.ToJsonString()}");
            if (task is not null)
            {
                tasks.Add(task);
            }
        }

        return failed ? (null, errors) : (tasks, null);
    }

    /// <summary>The keys of <c>task.data</c> a config reads: <c>value="$image"</c> → <c>image</c>, <c>$items[0].text</c> → <c>items</c>.</summary>
    public static IReadOnlyList<string> DataKeys(string labelConfig)
    {
        try
        {
            return XDocument.Parse(labelConfig).Descendants()
                .Select(e => (string?)e.Attribute("value"))
                .Where(v => v is { Length: > 1 } && v[0] == '$')
                .Select(v => v![1..].Split('[')[0])
                .Distinct()
                .ToList();
        }
        catch (XmlException)
        {
            return [];
        }
    }

    private static string? Check(JsonNode? item, IReadOnlyList<string> keys, out ImportedTask? task)
    {
        task = null;
        if (item is not JsonObject root)
        {
            return "Task root must be dict with \"data\", \"meta\", \"annotations\", \"predictions\" fields";
        }

        var hasData = root.ContainsKey("data");
        if (hasData && root["data"] is not JsonObject)
        {
            return "Task[data] must be (<class 'dict'>, <class 'list'>)";
        }

        var data = hasData ? (JsonObject)root["data"]! : root;
        var assume = hasData ? " [assume: item[\"data\"] = task root with values]" : " [assume: item as is = task root with values] ";
        if (keys.FirstOrDefault(key => !Has(data, key)) is { } missing)
        {
            return $"\"{missing}\" key is expected in task data{assume}";
        }

        if (!hasData)
        {
            task = new ImportedTask((JsonObject)data.DeepClone(), [], [], []);
            return null;
        }

        if (root["meta"] is { } meta && meta is not JsonObject)
        {
            return "Task[meta] must be (<class 'dict'>, <class 'list'>)";
        }

        var badPrediction = Regions(root, "predictions", "Prediction", out var predictions);
        var badAnnotation = Regions(root, "annotations", "Annotation", out var annotations);
        if ((badPrediction ?? badAnnotation) is { } bad)
        {
            return bad;
        }

        task = new ImportedTask((JsonObject)data.DeepClone(), (JsonObject?)root["meta"]?.DeepClone() ?? [], predictions, annotations);
        return null;
    }

    /// <summary>Predictions or annotations: a list of objects, each with a <c>result</c> list.</summary>
    private static string? Regions(JsonObject root, string field, string kind, out List<JsonObject> items)
    {
        items = [];
        if (!root.ContainsKey(field))
        {
            return null;
        }

        if (root[field] is not JsonArray list)
        {
            return $"Task[{field}] must be <class 'list'>";
        }

        foreach (var item in list.OfType<JsonObject>())
        {
            if (!item.ContainsKey("result"))
            {
                return $"{kind} must have \"result\" fields";
            }

            if (item["result"] is not JsonArray)
            {
                return $"\"result\" field in {kind.ToLowerInvariant()} must be list";
            }

            items.Add((JsonObject)item.DeepClone());
        }

        return null;
    }

    // Dotted keys (value="$llm.inputs") are looked up through nested objects, as Label Studio does.
    private static bool Has(JsonObject data, string key)
    {
        if (data.ContainsKey(key) || !key.Contains('.'))
        {
            return data.ContainsKey(key);
        }

        JsonNode? node = data;
        foreach (var part in key.Split('.'))
        {
            if (node is not JsonObject level || !level.TryGetPropertyValue(part, out node))
            {
                return false;
            }
        }

        return true;
    }
}
