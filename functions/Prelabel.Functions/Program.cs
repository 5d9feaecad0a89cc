using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Prelabel.Functions;
using Prelabel.Host.Hosting;

// The isolated worker the Functions host starts: the same parts as the local server (AddPrelabel), its requests
// arriving through the ASP.NET Core integration, its uploads through the blob and queue triggers.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<RequestGuardMiddleware>();
builder.AddPrelabel(functionsWorker: true);
builder.Build().Run();
