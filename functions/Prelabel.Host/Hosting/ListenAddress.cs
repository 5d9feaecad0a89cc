namespace Prelabel.Host.Hosting;

/// <summary>
/// Where the handler listens. Under the Functions host: 127.0.0.1:FUNCTIONS_CUSTOMHANDLER_PORT, always.
/// By hand: --host / --port, else PORT, else 127.0.0.1:9090 (use --host 0.0.0.0 for Label Studio in Docker).
/// </summary>
public sealed record ListenAddress(string Host, int Port)
{
    public const int DefaultPort = 9090;

    public bool UnderFunctionsHost { get; init; }

    public static ListenAddress From(IConfiguration configuration)
    {
        if (configuration["FUNCTIONS_CUSTOMHANDLER_PORT"] is { Length: > 0 } hostPort)
            return new ListenAddress("127.0.0.1", ParsePort(hostPort, "FUNCTIONS_CUSTOMHANDLER_PORT")) { UnderFunctionsHost = true };
        var port = configuration[CommandLineOptions.Port] ?? configuration["PORT"];
        return new ListenAddress(configuration[CommandLineOptions.Host] ?? "127.0.0.1", port is null ? DefaultPort : ParsePort(port, "--port/PORT"));
    }

    public string Url => $"http://{(Host.Contains(':') ? $"[{Host}]" : Host)}:{Port}";

    private static int ParsePort(string text, string name) =>
        int.TryParse(text, out var port) && port is > 0 and < 65536
            ? port
            : throw new InvalidOperationException($"{name} is \"{text}\", which is not a TCP port (1-65535).");
}
