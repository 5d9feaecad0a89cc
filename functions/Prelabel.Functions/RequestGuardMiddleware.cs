using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Prelabel.Host.Hosting;

namespace Prelabel.Functions;

/// <summary>The local server's request guards (Basic auth, JSON errors) for HTTP functions. Trigger invocations come
/// from the host itself and pass through.</summary>
internal sealed class RequestGuardMiddleware(IConfiguration configuration, ILogger<RequestGuardMiddleware> logger) : IFunctionsWorkerMiddleware
{
    private readonly BasicAuthentication? auth = BasicAuthentication.From(configuration);

    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next) =>
        context.GetHttpContext() is { } http ? RequestGuards.GuardAsync(http, auth, () => next(context), logger) : next(context);
}
