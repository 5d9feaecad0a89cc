namespace Prelabel.LabelStudio.Client;

/// <summary>Time limits and retries of <see cref="LabelStudioApiClient"/>; the URL and API key come from <see cref="LabelStudioClientOptions"/>.</summary>
public sealed class LabelStudioApiClientOptions
{
    /// <summary>Time allowed for one request (one attempt, token refresh included). Default 30 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after a 429 or 5xx answer, on top of the first attempt. Default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Back-off before the first retry when the server sends no Retry-After; doubled for each further retry. Default 1 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait before a retry; a Retry-After asking for more ends the retries. Default 60 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Tasks asked for per page of <c>/api/tasks/</c>. Label Studio may return fewer (TASK_API_PAGE_SIZE_MAX). Default 100.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the setting to fix.</summary>
    public void Validate()
    {
        if (RequestTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{nameof(RequestTimeout)}={RequestTimeout} must be positive.");
        }

        if (MaxRetries < 0)
        {
            throw new InvalidOperationException($"{nameof(MaxRetries)}={MaxRetries} must be zero or more.");
        }

        if (RetryDelay < TimeSpan.Zero || MaxRetryDelay < RetryDelay)
        {
            throw new InvalidOperationException($"{nameof(RetryDelay)}={RetryDelay} must be zero or more and at most {nameof(MaxRetryDelay)}={MaxRetryDelay}.");
        }

        if (PageSize <= 0)
        {
            throw new InvalidOperationException($"{nameof(PageSize)}={PageSize} must be positive.");
        }
    }
}
