using System.Text.Json;

namespace Prelabel.LabelStudio.TestServer.Endpoints;

/// <summary><c>POST /api/token/refresh/</c>: a Personal Access Token (JWT refresh token) for a short-lived access token.</summary>
internal static class TokenEndpoints
{
    public static void MapTokenEndpoints(this IEndpointRouteBuilder app, TestServerState state)
    {
        app.MapPost("/api/token/refresh/", async (HttpRequest request) =>
        {
            string? refresh = null;
            try
            {
                using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
                if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("refresh", out var value))
                {
                    refresh = value.GetString();
                }
            }
            catch (JsonException)
            {
                return DrfResults.Detail(400, "JSON parse error.");
            }

            if (string.IsNullOrEmpty(refresh))
            {
                return Results.Json(new { refresh = new[] { "This field is required." } }, statusCode: 400);
            }

            if (state.Jwt.Validate(refresh, "refresh", out var claims) is not null)
            {
                return Results.Json(new { detail = "Token is invalid or expired", code = "token_not_valid" }, statusCode: 401);
            }

            var access = state.Jwt.Issue("access", claims.GetProperty("user_id").GetInt32(), state.AccessTokenLifetime, out var jti);
            state.IssuedAccessTokens[jti] = true;
            return Results.Json(new { access });
        });
    }
}
