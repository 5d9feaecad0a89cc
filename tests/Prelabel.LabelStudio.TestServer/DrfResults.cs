using System.Text.Json.Nodes;

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

    /// <summary>DRF's ParseError for a body that is not JSON.</summary>
    public static IResult ParseError(string message) => Detail(400, $"JSON parse error - {message}");

    /// <summary>
    /// A 400 in the envelope Label Studio's exception handler puts validation errors in:
    /// <c>{"id", "status_code", "version", "detail": "Validation error", "exc_info", "validation_errors": {…}}</c>.
    /// A list (as the import's TaskValidator raises, one entry per item, <c>{}</c> for good ones) goes under <c>non_field_errors</c>.
    /// </summary>
    public static IResult ValidationErrors(JsonNode errors) => Results.Json(
        new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["status_code"] = 400,
            ["version"] = "1.20.0",
            ["detail"] = "Validation error",
            ["exc_info"] = null,
            ["validation_errors"] = errors is JsonObject ? errors : new JsonObject { ["non_field_errors"] = errors },
        },
        statusCode: 400);

    private sealed class WithHeader(IResult inner, string name, string value) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[name] = value;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
