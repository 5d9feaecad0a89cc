using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Prelabel.Host.Apis;

namespace Prelabel.Functions;

/// <summary>POST /backfill for operators: a function key, not Label Studio's credentials.</summary>
public sealed class BackfillFunction(IServiceProvider services)
{
    [Function("backfill")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Function, "post", Route = "backfill")] HttpRequest request) =>
        BackfillApi.BackfillAsync(request, services);
}
