namespace Prelabel.LabelStudio.TestServer;

/// <summary>Label Studio's authentication: legacy <c>Token</c> keys and simplejwt <c>Bearer</c> access tokens.</summary>
internal static class LabelStudioAuthenticator
{
    /// <summary>Null when the caller is a member of the project, else the 401 or 403 to answer.</summary>
    public static IResult? Authorize(HttpContext context, TestServerState state)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var space = header.IndexOf(' ');
        if (space <= 0)
        {
            return DrfResults.NotAuthenticated();
        }

        var scheme = header[..space];
        var credential = header[(space + 1)..].Trim();
        int userId;
        if (scheme == "Token")
        {
            if (!state.LegacyTokens.TryGetValue(credential, out userId))
            {
                return DrfResults.InvalidLegacyToken();
            }
        }
        else if (scheme == "Bearer")
        {
            if (state.Jwt.Validate(credential, "access", out var claims) is { } reason)
            {
                return DrfResults.InvalidAccessToken(reason);
            }

            if (state.RevokedAccessTokens.ContainsKey(claims.GetProperty("jti").GetString()!))
            {
                return DrfResults.InvalidAccessToken("Token is blacklisted");
            }

            userId = claims.GetProperty("user_id").GetInt32();
        }
        else
        {
            return DrfResults.NotAuthenticated();
        }

        return userId == TestServerState.ProjectMember ? null : DrfResults.PermissionDenied();
    }
}
