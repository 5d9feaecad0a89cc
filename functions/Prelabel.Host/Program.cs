using Prelabel.Host.Apis;
using Prelabel.Host.Commands;
using Prelabel.Host.Hosting;

try
{
    return await RunAsync(args);
}
catch (Exception e) when (e is InvalidOperationException or FormatException)
{
    // A setting that cannot work: say which, in one line, rather than with a stack trace.
    Console.Error.WriteLine($"Prelabel cannot start: {e.Message}");
    return 2;
}

static async Task<int> RunAsync(string[] args)
{
    if (args is [OptimizeModelsCommand.Verb, .. var models]) return OptimizeModelsCommand.Run(models, Console.Out, Console.Error);

    // "Prelabel backfill …" runs one command with the server's settings and parts, then exits.
    if (args is [BackfillCommand.Verb, .. var command])
    {
        var tool = WebApplication.CreateSlimBuilder();
        tool.AddPrelabel();
        if (tool.Configuration["LOG_LEVEL"] is null) tool.Logging.SetMinimumLevel(LogLevel.Warning);
        await using var parts = tool.Build();
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        return await BackfillCommand.RunAsync(command, parts.Services, stop.Token);
    }

    var builder = WebApplication.CreateSlimBuilder();
    builder.Configuration.AddCommandLine(args, CommandLineOptions.Switches);
    var address = ListenAddress.From(builder.Configuration);
    builder.WebHost.UseUrls(address.Url);
    // RequestBody enforces MAX_REQUEST_BYTES with a reason that names the setting; Kestrel's own 30 MB cap would not.
    builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null);
    builder.AddPrelabel();

    var app = builder.Build();
    foreach (var name in new Settings(app.Configuration).Unresolved()) app.Logger.LogWarning("{Warning} Until then it counts as unset.", Settings.UnresolvedWarning(name));
    app.UseRequestGuards();
    app.MapMlBackendApi();
    app.MapBackfillApi();
    app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
        "Prelabel is listening on {Url}. In Label Studio: Project > Settings > Model > Connect Model, URL {ModelUrl}", address.Url, address.Url));
    await app.RunAsync();
    return 0;
}
