namespace Prelabel.LabelStudio.TestServer;

/// <summary>Error bodies shaped like Django REST framework's, which Label Studio answers with.</summary>
internal static class DrfResults
{
    public static IResult Detail(int status, string detail) => Results.Json(new { detail }, statusCode: status);

    public static IResult NotAuthenticated() =>
        new WithHeader(Detail(401, "Authentication credentials were not provided."), "WWW-Authenticate", "Token");

    public static IResult InvalidLegacyToken() =>
        new WithHeader(Detail(401, "Invalid token."), "WWW-Authenticate", "Token");

    // The shape rest_framework_simplejwt uses for a rejected access token.
    public static IResult InvalidAccessToken(string message) => new WithHeader(
        Results.Json(
            new
            {
                detail = "Given token not valid for any token type",
                code = "token_not_valid",
                messages = new[] { new { token_class = "AccessToken", token_type = "access", message } },
            },
            statusCode: 401),
        "WWW-Authenticate",
        "Bearer realm=\"api\"");

    public static IResult PermissionDenied() => Detail(403, "You do not have permission to perform this action.");

    public static IResult NotFound() => Detail(404, "Not found.");

    private sealed class WithHeader(IResult inner, string name, string value) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[name] = value;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
