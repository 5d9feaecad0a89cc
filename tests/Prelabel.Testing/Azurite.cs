using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Prelabel.Testing;

/// <summary>
/// A private Azurite (the repository's node_modules/.bin/azurite, installed by scripts/install) on free loopback
/// ports with its data in a temporary folder. Use it as an xunit class or collection fixture; Dispose kills it and
/// deletes the folder.
/// </summary>
public sealed class Azurite : IDisposable
{
    /// <summary>Azurite's well-known development account; its key is published, not a secret.</summary>
    public const string AccountName = "devstoreaccount1";

    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _location;
    private readonly List<string> _output = [];

    public Azurite()
    {
        var executable = RepositoryRoot.Combine("node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"{executable} is missing; run scripts/install to install the npm packages.");
        }

        _location = Directory.CreateTempSubdirectory("azurite-").FullName;
        var (blob, queue, table) = (LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free());
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _location,
        };
        foreach (var argument in new[]
                 {
                     "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
                     "--blobPort", $"{blob}", "--queuePort", $"{queue}", "--tablePort", $"{table}",
                     "--location", _location, "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
                 })
        {
            info.ArgumentList.Add(argument);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {executable}.");
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        BlobEndpoint = new Uri($"http://127.0.0.1:{blob}/{AccountName}");
        QueueEndpoint = new Uri($"http://127.0.0.1:{queue}/{AccountName}");
        TableEndpoint = new Uri($"http://127.0.0.1:{table}/{AccountName}");
        try
        {
            WaitUntilListening(blob, queue, table);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public Uri BlobEndpoint { get; }

    public Uri QueueEndpoint { get; }

    public Uri TableEndpoint { get; }

    /// <summary>A connection string with explicit endpoints, as UseDevelopmentStorage=true would give for the default ports.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};"
        + $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_location, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned eventually.
        }
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }

    private void WaitUntilListening(params int[] ports)
    {
        var deadline = Stopwatch.StartNew();
        foreach (var port in ports)
        {
            while (!Answers(port))
            {
                if (_process.HasExited || deadline.Elapsed > StartTimeout)
                {
                    string output;
                    lock (_output)
                    {
                        output = string.Join('\n', _output);
                    }

                    var state = _process.HasExited ? $"exited with {_process.ExitCode}" : $"did not listen on {port} within {StartTimeout.TotalSeconds} s";
                    throw new InvalidOperationException($"Azurite {state}. Its output:\n{output}");
                }

                Thread.Sleep(50);
            }
        }
    }

    private static bool Answers(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
