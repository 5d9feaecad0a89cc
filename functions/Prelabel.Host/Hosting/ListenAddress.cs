namespace Prelabel.Host.Hosting;

/// <summary>
/// Where the local server listens: --host / --port, else PORT, else 127.0.0.1:9090 (use --host 0.0.0.0 for Label Studio
/// in Docker). Under Azure Functions the isolated worker (Prelabel.Functions) serves instead.
/// </summary>
public sealed record ListenAddress(string Host, int Port)
{
    public const int DefaultPort = 9090;

    public static ListenAddress From(IConfiguration configuration)
    {
        var port = configuration[CommandLineOptions.Port] ?? configuration["PORT"];
        return new ListenAddress(configuration[CommandLineOptions.Host] ?? "127.0.0.1", port is null ? DefaultPort : ParsePort(port, "--port/PORT"));
    }

    public string Url => $"http://{(Host.Contains(':') ? $"[{Host}]" : Host)}:{Port}";

    private static int ParsePort(string text, string name) =>
        int.TryParse(text, out var port) && port is > 0 and < 65536
            ? port
            : throw new InvalidOperationException($"{name} is \"{text}\", which is not a TCP port (1-65535).");
}
