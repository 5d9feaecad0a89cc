using Prelabel.Host.Apis;
using Prelabel.Host.Hosting;

var builder = WebApplication.CreateSlimBuilder(args);
var address = ListenAddress.From(builder.Configuration);
builder.WebHost.UseUrls(address.Url);
builder.AddPrelabel();

var app = builder.Build();
app.UseRequestGuards();
app.MapMlBackendApi();
app.MapImageEventsApi();
app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
    "Prelabel is listening on {Url}. In Label Studio: Project > Settings > Model > Connect Model, URL {ModelUrl}", address.Url, address.Url));
app.Run();
