using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prelabel.Functions;
using Prelabel.Host.Hosting;

// The isolated worker the Functions host starts: the same parts as the local server (AddPrelabel), its requests
// arriving through the ASP.NET Core integration, its uploads through the blob and queue triggers.
try
{
    var builder = FunctionsApplication.CreateBuilder(args);
    builder.ConfigureFunctionsWebApplication();
    builder.UseMiddleware<RequestGuardMiddleware>();
    // Half a credential pair or an unresolved secret stops the start, as on the local server: a lost secret never opens the backend.
    _ = BasicAuthentication.From(builder.Configuration);
    builder.AddPrelabel(functionsWorker: true);
    var app = builder.Build();
    var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Prelabel");
    foreach (var name in new Settings(builder.Configuration).Unresolved()) log.LogWarning("{Warning} Until then it counts as unset.", Settings.UnresolvedWarning(name));
    app.Run();
    return 0;
}
catch (Exception e) when (e is InvalidOperationException or FormatException)
{
    // A setting that cannot work: say which, in one line, rather than with a stack trace.
    Console.Error.WriteLine($"Prelabel cannot start: {e.Message}");
    return 2;
}
