using YamlDotNet.RepresentationModel;

namespace Prelabel.Infra.Tests;

/// <summary>A YAML file of the repository as a node tree.</summary>
public static class Yaml
{
    /// <exception cref="YamlDotNet.Core.YamlException">The file is not valid YAML; the message gives line and column.</exception>
    public static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return (YamlMappingNode)Assert.Single(stream.Documents).RootNode;
    }

    public static YamlNode? Child(this YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    public static string? Text(this YamlNode? node) => (node as YamlScalarNode)?.Value;

    public static IEnumerable<YamlNode> Items(this YamlNode? node) => node is YamlSequenceNode list ? list.Children : [];

    /// <summary>Every scalar anywhere under the node.</summary>
    public static IEnumerable<string> Scalars(this YamlNode node) =>
        node.AllNodes.OfType<YamlScalarNode>().Select(s => s.Value).OfType<string>();
}
