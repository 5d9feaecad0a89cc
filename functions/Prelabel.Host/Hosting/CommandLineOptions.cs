namespace Prelabel.Host.Hosting;

/// <summary>
/// --host, --port and --model, kept under their own configuration keys so that an environment variable named HOST,
/// PORT or MODEL (set by many shells and containers) is never taken for one of them.
/// </summary>
public static class CommandLineOptions
{
    public const string Host = "CommandLine:Host";
    public const string Port = "CommandLine:Port";
    public const string Model = "CommandLine:Model";

    public static readonly IDictionary<string, string> Switches = new Dictionary<string, string>
    {
        ["--host"] = Host,
        ["--port"] = Port,
        ["--model"] = Model,
    };
}
