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
            if (auth is not null && !auth.Accepts(context.Request.Headers.Authorization))
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"Login required\"";
                await ErrorResponse.WriteAsync(context, 401, BasicAuthentication.Required);
                return;
            }
            try
            {
                await next(context);
            }
            catch (BackendException e)
            {
                await ErrorResponse.WriteAsync(context, e.Status, e.Message);
            }
            catch (BadHttpRequestException e)
            {
                await ErrorResponse.WriteAsync(context, e.StatusCode, e.Message);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The caller went away; there is nobody to answer.
            }
            catch (Exception e)
            {
                logger.LogError(e, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
                if (!context.Response.HasStarted)
                    await ErrorResponse.WriteAsync(context, 500, $"Internal error ({e.GetType().Name}: {e.Message}). The backend log has the details.");
            }
            // Routing answers unknown paths and methods with an empty body; give it a reason.
            if (!context.Response.HasStarted && context.Response.StatusCode is 404 or 405 && context.Response.ContentType is null)
                await ErrorResponse.WriteAsync(context, context.Response.StatusCode,
                    $"{context.Request.Method} {context.Request.Path} is not a route of this ML backend. Routes: {string.Join(", ", Prelabel.Host.Apis.MlBackendRoutes.All.Select(r => $"{r.Method} {r.Path}"))}.");
        });
        return app;
    }
}
