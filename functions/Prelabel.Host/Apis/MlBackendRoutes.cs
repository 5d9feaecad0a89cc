namespace Prelabel.Host.Apis;

/// <summary>
/// The routes of the ML backend contract, each with the isolated worker's function that serves it under Azure
/// Functions.
/// </summary>
public static class MlBackendRoutes
{
    public sealed record Route(string Method, string Path, string Function);

    public static readonly IReadOnlyList<Route> All =
    [
        new("GET", "/", "index"),
        new("GET", "/health", "health"),
        new("POST", "/setup", "setup"),
        new("POST", "/predict", "predict"),
        new("POST", "/webhook", "webhook"),
        new("GET", "/versions", "versions"),
        new("GET", "/metrics", "metrics"),
        new("POST", "/backfill", "backfill"),
    ];
}
