namespace Prelabel.Host.Hosting;

/// <summary>Every error leaves as {"status": N, "detail": "..."}: a reason, never a stack trace.</summary>
public static class ErrorResponse
{
    public static IResult Create(int status, string detail) =>
        Results.Json(new { status, detail }, statusCode: status);

    public static Task WriteAsync(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { status, detail });
    }
}
