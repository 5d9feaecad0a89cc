using System.Diagnostics;
using System.Text;

namespace Prelabel.Testing;

/// <summary>
/// The real Prelabel executable (the local server), started as a user would start it, on 127.0.0.1.
/// Output is kept so a failing test can show it.
/// </summary>
public sealed class PrelabelProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PrelabelProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(100) };
    }

    public Uri BaseUrl { get; }

    public HttpClient Http { get; }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Starts the executable with these settings (environment variables) and arguments, and waits until it answers.</summary>
    public static Task<PrelabelProcess> StartAsync(IDictionary<string, string>? settings = null, string[]? arguments = null)
    {
        var fixedPort = arguments?.Contains("--port") == true ? int.Parse(arguments[Array.IndexOf(arguments, "--port") + 1]) : (int?)null;
        return LaunchAsync(port =>
        {
            var start = new ProcessStartInfo("dotnet");
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Prelabel.dll"));
            foreach (var argument in arguments ?? []) start.ArgumentList.Add(argument);
            foreach (var name in new[] { "PORT", "BASIC_AUTH_USER", "BASIC_AUTH_PASS", "LABEL_STUDIO_URL", "LABEL_STUDIO_API_KEY" })
                start.Environment.Remove(name);
            start.Environment["PORT"] = port.ToString();
            foreach (var (name, value) in settings ?? new Dictionary<string, string>()) start.Environment[name] = value;
            return start;
        }, fixedPort);
    }

    public int Id => _process.Id;

    /// <summary>
    /// A free port can be taken by another process before Prelabel binds it (test projects run in parallel): then it
    /// exits saying the address is in use, and starts again on another port.
    /// </summary>
    private static async Task<PrelabelProcess> LaunchAsync(Func<int, ProcessStartInfo> startOn, int? fixedPort)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = fixedPort ?? LoopbackPort.Free();
            var start = startOn(port);
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            start.UseShellExecute = false;
            var process = Process.Start(start)!;
            var instance = new PrelabelProcess(process, new Uri($"http://127.0.0.1:{port}/"));
            process.OutputDataReceived += (_, e) => instance.Append(e.Data);
            process.ErrorDataReceived += (_, e) => instance.Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await instance.WaitUntilUpAsync();
                return instance;
            }
            catch (InvalidOperationException) when (fixedPort is null && attempt < 5 && instance.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await instance.DisposeAsync();
            }
            catch
            {
                await instance.DisposeAsync();
                throw;
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private async Task WaitUntilUpAsync()
    {
        // One cap for the whole wait: a first answer that is slow (a cold start on a loaded machine) is waited for, not
        // given up on after a per-try timeout; a refused connection (not listening yet) is tried again at once.
        using var cap = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var probe = new HttpClient { BaseAddress = BaseUrl, Timeout = Timeout.InfiniteTimeSpan };
        while (true)
        {
            if (_process.HasExited)
            {
                // Without a timeout, WaitForExit also waits until the output readers have seen the end of both streams.
                _process.WaitForExit();
                throw new InvalidOperationException($"Prelabel exited with {_process.ExitCode}:\n{Output}");
            }
            try
            {
                // Any HTTP answer means the handler is up, as the Functions host decides.
                using var response = await probe.GetAsync("/", cap.Token);
                return;
            }
            catch (HttpRequestException) when (!cap.IsCancellationRequested)
            {
                await Task.Delay(10, CancellationToken.None);
            }
            catch (OperationCanceledException) when (cap.IsCancellationRequested)
            {
                throw new TimeoutException($"Prelabel did not answer within 60 s:\n{Output}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
