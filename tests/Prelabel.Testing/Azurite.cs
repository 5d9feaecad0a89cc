using System.Diagnostics;

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

    private Process _process;
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
        // A free port can be taken by another process before Azurite binds it (test projects start their own Azuritees
        // in parallel): then Azurite exits with EADDRINUSE, and it starts again on other ports.
        for (var attempt = 1; ; attempt++)
        {
            var (blob, queue, table) = (LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free());
            _process = Start(executable, blob, queue, table);
            BlobEndpoint = new Uri($"http://127.0.0.1:{blob}/{AccountName}");
            QueueEndpoint = new Uri($"http://127.0.0.1:{queue}/{AccountName}");
            TableEndpoint = new Uri($"http://127.0.0.1:{table}/{AccountName}");
            try
            {
                WaitUntilListening(blob, queue, table);
                return;
            }
            catch (InvalidOperationException) when (attempt < 5 && PortWasTaken())
            {
                Stop();
            }
            catch
            {
                Dispose();
                throw;
            }
        }
    }

    public Uri BlobEndpoint { get; private set; }

    public Uri QueueEndpoint { get; private set; }

    public Uri TableEndpoint { get; private set; }

    /// <summary>A connection string with explicit endpoints, as UseDevelopmentStorage=true would give for the default ports.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};"
        + $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(_location, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned eventually.
        }
    }

    private Process Start(string executable, int blob, int queue, int table)
    {
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

        lock (_output)
        {
            _output.Clear();
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {executable}.");
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Stop()
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
    }

    private bool PortWasTaken()
    {
        lock (_output)
        {
            return _output.Any(line => line.Contains("EADDRINUSE", StringComparison.Ordinal));
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

    /// <summary>Until Azurite says it listens on every port: a TCP connect could be answered by whoever else took the port.</summary>
    private void WaitUntilListening(params int[] ports)
    {
        var deadline = Stopwatch.StartNew();
        while (!ports.All(port => Said($"successfully listening at http://127.0.0.1:{port}")))
        {
            if (_process.HasExited || deadline.Elapsed > StartTimeout)
            {
                string output;
                lock (_output)
                {
                    output = string.Join('\n', _output);
                }

                var state = _process.HasExited ? $"exited with {_process.ExitCode}" : $"did not listen on {string.Join(", ", ports)} within {StartTimeout.TotalSeconds} s";
                throw new InvalidOperationException($"Azurite {state}. Its output:\n{output}");
            }

            Thread.Sleep(50);
        }
    }

    private bool Said(string text)
    {
        lock (_output)
        {
            return _output.Any(line => line.Contains(text, StringComparison.Ordinal));
        }
    }
}
