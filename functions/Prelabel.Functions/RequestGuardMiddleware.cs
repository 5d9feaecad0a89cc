using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Prelabel.Backend;
using Prelabel.Host.Hosting;

namespace Prelabel.Functions;

/// <summary>What RequestGuards does for the local server, for HTTP functions: Basic auth and every failure as a JSON error
/// with a reason. Trigger invocations come from the host itself and pass through.</summary>
internal sealed class RequestGuardMiddleware(IConfiguration configuration, ILogger<RequestGuardMiddleware> logger) : IFunctionsWorkerMiddleware
{
    private readonly BasicAuthentication? auth = BasicAuthentication.From(configuration);

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }
        if (auth is not null && !auth.Accepts(http.Request.Headers.Authorization))
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"Login required\"";
            await ErrorResponse.WriteAsync(http, 401, BasicAuthentication.Required);
            return;
        }
        try
        {
            await next(context);
        }
        catch (Exception e) when (Unwrap(e) is BackendException backend)
        {
            await ErrorResponse.WriteAsync(http, backend.Status, backend.Message);
        }
        catch (Exception e) when (http.RequestAborted.IsCancellationRequested && Unwrap(e) is OperationCanceledException)
        {
            // The caller went away; there is nobody to answer.
        }
        catch (Exception e)
        {
            logger.LogError(e, "Unhandled error in {Function}", context.FunctionDefinition.Name);
            if (!http.Response.HasStarted)
                await ErrorResponse.WriteAsync(http, 500, $"Internal error ({Unwrap(e).GetType().Name}: {Unwrap(e).Message}). The function's log has the details.");
        }
    }

    /// <summary>The worker wraps what a function throws; the cause is inside.</summary>
    private static Exception Unwrap(Exception e) => e is AggregateException { InnerException: { } inner } ? Unwrap(inner) : e.InnerException is { } cause && e.GetType().Name == "FunctionInvocationException" ? Unwrap(cause) : e;
}
