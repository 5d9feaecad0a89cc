using Prelabel.Backend;

namespace Prelabel.Host.Hosting;

/// <summary>Basic auth, JSON errors for every failure, and JSON 404/405 instead of empty bodies.</summary>
public static class RequestGuards
{
    public static WebApplication UseRequestGuards(this WebApplication app)
    {
        var auth = BasicAuthentication.From(app.Configuration);
        var logger = app.Logger;
        app.Use(async (context, next) =>
        {
            await GuardAsync(context, auth, () => next(context), logger);
            // Routing answers unknown paths and methods with an empty body; give it a reason.
            if (!context.Response.HasStarted && context.Response.StatusCode is 404 or 405 && context.Response.ContentType is null)
                await ErrorResponse.WriteAsync(context, context.Response.StatusCode,
                    $"{context.Request.Method} {context.Request.Path} is not a route of this ML backend. Routes: {string.Join(", ", Prelabel.Host.Apis.MlBackendRoutes.All.Select(r => $"{r.Method} {r.Path}"))}.");
        });
        return app;
    }

    /// <summary>
    /// One request through Basic auth (when on) and <paramref name="next"/>, every failure answered as a JSON error with a
    /// reason: the local server's middleware and the isolated worker's both run requests through this.
    /// </summary>
    public static async Task GuardAsync(HttpContext context, BasicAuthentication? auth, Func<Task> next, ILogger logger)
    {
        if (auth is not null && !auth.Accepts(context.Request.Headers.Authorization))
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"Login required\"";
            await ErrorResponse.WriteAsync(context, 401, BasicAuthentication.Required);
            return;
        }
        try
        {
            await next();
        }
        catch (Exception e) when (Cause(e) is BackendException backend)
        {
            if (backend.RetryAfter is { } retryAfter)
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ErrorResponse.WriteAsync(context, backend.Status, backend.Message);
        }
        catch (Exception e) when (Cause(e) is BadHttpRequestException bad)
        {
            await ErrorResponse.WriteAsync(context, bad.StatusCode, bad.Message);
        }
        catch (Exception e) when (Cause(e) is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; there is nobody to answer.
        }
        catch (Exception e)
        {
            var cause = Cause(e);
            logger.LogError(e, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            if (!context.Response.HasStarted)
                await ErrorResponse.WriteAsync(context, 500, $"Internal error ({cause.GetType().Name}: {cause.Message}). The backend log has the details.");
        }
    }

    /// <summary>The isolated worker wraps what a function throws (FunctionInvocationException); the cause is inside.</summary>
    private static Exception Cause(Exception e) => e switch
    {
        AggregateException { InnerException: { } inner } => Cause(inner),
        { InnerException: { } inner } when e.GetType().Name == "FunctionInvocationException" => Cause(inner),
        _ => e,
    };
}
