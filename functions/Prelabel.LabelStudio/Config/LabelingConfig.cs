using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;

namespace Prelabel.LabelStudio.Config;

/// <summary>A project's labeling config (XML), reduced to its object tags and control tags.</summary>
public sealed class LabelingConfig
{
    /// <summary>Storage sync stores a blob URL under this key when it cannot know the config's own key.</summary>
    public const string UndefinedDataKey = "$undefined$";

    /// <summary>Label Studio configs are a few KB; anything near this is not a config.</summary>
    public const int MaxCharacters = 1_000_000;

    private LabelingConfig(IReadOnlyList<ObjectTag> objects, IReadOnlyList<ControlTag> controls)
    {
        Objects = objects;
        Controls = controls;
    }

    public IReadOnlyList<ObjectTag> Objects { get; }

    public IReadOnlyList<ControlTag> Controls { get; }

    public ObjectTag? FindObject(string name) => Objects.FirstOrDefault(o => o.Name == name);

    public ControlTag? FindControl(string name) => Controls.FirstOrDefault(c => c.Name == name);

    /// <summary>Parses XML with DTDs refused and a size limit, so a config cannot expand entities or exhaust memory.</summary>
    public static LabelingConfig Parse(string? xml)
    {
        if (string.IsNullOrWhiteSpace(xml)) throw new LabelingConfigException("The labeling config is empty.");
        if (xml.Length > MaxCharacters) throw new LabelingConfigException($"The labeling config has {xml.Length} characters; the limit is {MaxCharacters}.");
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxCharacters,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new LabelingConfigException($"The labeling config is not valid XML: {e.Message}", e);
        }

        var objects = new List<ObjectTag>();
        var controls = new List<ControlTag>();
        foreach (var element in document.Descendants())
        {
            var name = (string?)element.Attribute("name");
            if (string.IsNullOrEmpty(name)) continue;
            var toName = (string?)element.Attribute("toName");
            if (toName is not null)
                controls.Add(ReadControl(element, name, toName));
            else if ((string?)element.Attribute("value") is { } value && !IsLabel(element))
                objects.Add(new ObjectTag(name, element.Name.LocalName, value));
        }
        return new LabelingConfig(objects, controls);
    }

    /// <summary>The task's value for an object tag: its data key, else the storage-sync key, else the literal value.</summary>
    public static string? ResolveDataValue(JsonObject? data, ObjectTag tag)
    {
        if (tag.DataKey is null) return tag.Value;
        if (data is null) return null;
        var node = data[tag.DataKey] ?? data[UndefinedDataKey];
        return node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString();
    }

    private static bool IsLabel(XElement e) => e.Name.LocalName is "Label" or "Choice";

    private static ControlTag ReadControl(XElement element, string name, string toName)
    {
        var labels = new List<LabelTag>();
        CollectLabels(element, [], labels);
        var targets = toName.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new ControlTag(name, element.Name.LocalName, targets, labels, Attributes(element));
    }

    // Taxonomy nests <Choice> elements; every node is a label whose path runs from the root.
    private static void CollectLabels(XElement parent, IReadOnlyList<string> path, List<LabelTag> labels)
    {
        foreach (var child in parent.Elements().Where(IsLabel))
        {
            var value = (string?)child.Attribute("value");
            if (value is null) continue;
            var predicted = ((string?)child.Attribute("predicted_values") ?? "")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var label = new LabelTag(value, (string?)child.Attribute("alias"), predicted, Attributes(child));
            var labelPath = path.Append(label.ResultValue).ToArray();
            labels.Add(label with { Path = labelPath });
            CollectLabels(child, labelPath, labels);
        }
    }

    private static Dictionary<string, string> Attributes(XElement element) =>
        element.Attributes().GroupBy(a => a.Name.LocalName, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.OrdinalIgnoreCase);
}
