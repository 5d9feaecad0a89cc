using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Prelabel.Backend;

namespace Prelabel.Host.Hosting;

/// <summary>
/// Prelabel's spans (one per /predict and per upload, with the stage durations) and metrics through OpenTelemetry: to the
/// Application Insights the Bicep creates when APPLICATIONINSIGHTS_CONNECTION_STRING is set, to an OTLP collector when
/// OTEL_EXPORTER_OTLP_ENDPOINT is, and to nothing otherwise (a test adds its own exporter to the returned builder).
/// </summary>
public static class Telemetry
{
    /// <summary>The isolated worker's own ActivitySource: one span per function invocation, in the host's trace.</summary>
    private const string FunctionsWorkerSource = "Microsoft.Azure.Functions.Worker";

    public static IOpenTelemetryBuilder AddPrelabelTelemetry(this IHostApplicationBuilder builder, Settings settings)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(PrelabelTelemetry.Name.ToLowerInvariant()))
            // The request span (or, under the Functions host, the worker's invocation span) is the parent of Prelabel's: without
            // one the parent-based sampler would drop them. Downloads (media, Label Studio's API) are children of the prediction.
            // Worker.OpenTelemetry's UseFunctionsWorkerDefaults is left out: it stops the worker's logs reaching the host.
            .WithTracing(tracing => tracing.AddSource(PrelabelTelemetry.Name, FunctionsWorkerSource).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics.AddMeter(PrelabelTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation());
        builder.Logging.AddOpenTelemetry(logs => logs.IncludeFormattedMessage = true);
        if (settings.Text("APPLICATIONINSIGHTS_CONNECTION_STRING") is { } connectionString)
            telemetry.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = connectionString;
                // The Bicep turns local authentication off: the app's identity signs in (ClientId=…;Authorization=AAD).
                if (ClientId(settings.Text("APPLICATIONINSIGHTS_AUTHENTICATION_STRING")) is { } clientId)
                    options.Credential = new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
            });
        if (settings.Text("OTEL_EXPORTER_OTLP_ENDPOINT") is not null) telemetry.UseOtlpExporter();
        return telemetry;
    }

    private static string? ClientId(string? authentication) =>
        authentication?.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .FirstOrDefault(pair => pair.Length == 2 && pair[0].Equals("ClientId", StringComparison.OrdinalIgnoreCase))?[1];
}
