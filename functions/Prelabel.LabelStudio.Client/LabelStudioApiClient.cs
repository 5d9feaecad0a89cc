using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Prelabel.LabelStudio.Client;

/// <summary>
/// Reads projects and tasks from the Label Studio REST API and creates tasks and predictions, through the pipeline of
/// <see cref="LabelStudioClient"/> (its token, retries and circuit breaker). Reads and deletes are retried on 429, 5xx,
/// timeouts and connection failures, honouring Retry-After; creating calls only where Label Studio certainly did nothing
/// (see <see cref="ImportTasksAsync"/>). Every failure is a <see cref="LabelStudioRequestFailedException"/>; caller
/// cancellation stays an <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class LabelStudioApiClient
{
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    private readonly LabelStudioPipeline _pipeline;
    private readonly LabelStudioClientOptions _options;
    private readonly LabelStudioRequests _requests;
    private readonly string _baseUrl;
    private readonly ILogger _logger;

    internal LabelStudioApiClient(LabelStudioPipeline pipeline, LabelStudioClientOptions options, ILogger logger)
    {
        _pipeline = pipeline;
        _options = options;
        _logger = logger;
        _baseUrl = pipeline.Endpoint!.AbsoluteUri.TrimEnd('/');
        _requests = new LabelStudioRequests(_baseUrl);
    }

    /// <summary>Reads id, title and labeling configuration of a project (<c>GET /api/projects/{id}/</c>).</summary>
    public Task<LabelStudioProject> GetProjectAsync(long projectId, CancellationToken cancellationToken = default) =>
        SendAsync(LabelStudioCall.ForProject($"reading project {projectId}", projectId), _requests.GetProject(projectId), LabelStudioJson.ReadProject, cancellationToken);

    /// <summary>
    /// Every task of the project with its data, meta, annotations and predictions, cancelled annotations included, page
    /// by page through <c>GET /api/tasks/?project={id}&amp;page={n}&amp;page_size={k}&amp;fields=all&amp;resolve_uri=false</c>, so task
    /// data keeps the URIs as stored (e.g. <c>azure-blob://</c>). Tasks created or deleted while paging may be missed or repeated.
    /// </summary>
    public async IAsyncEnumerable<LabelStudioTask> ListTasksAsync(long projectId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long listed = 0;
        for (var page = 1; ; page++)
        {
            var result = await GetTaskPageAsync(projectId, page, cancellationToken).ConfigureAwait(false);
            if (result is null)
            {
                yield break;
            }

            foreach (var task in result.Tasks)
            {
                yield return task;
            }

            listed += result.Tasks.Count;
            // Page size is not trusted: Label Studio caps it at TASK_API_PAGE_SIZE_MAX, so the total decides.
            if (result.Tasks.Count == 0 || result.Total is not { } total || listed >= total)
            {
                yield break;
            }
        }
    }

    /// <summary>The tasks of the project with at least one annotation that was submitted, not skipped.</summary>
    public async IAsyncEnumerable<LabelStudioTask> ListAnnotatedTasksAsync(long projectId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var task in ListTasksAsync(projectId, cancellationToken).ConfigureAwait(false))
        {
            if (task.CompletedAnnotations.Any())
            {
                yield return task;
            }
        }
    }

    /// <summary>
    /// The ids, in id order, of the project's tasks whose <c>data[<paramref name="dataKey"/>]</c> is the string
    /// <paramref name="value"/> (ordinal comparison). Label Studio cannot filter by task data, so this lists every task:
    /// meant for reconciling after a failed import, not for every lookup.
    /// </summary>
    public async Task<IReadOnlyList<long>> FindTasksByDataAsync(long projectId, string dataKey, string value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataKey);
        ArgumentNullException.ThrowIfNull(value);
        var ids = new List<long>();
        await foreach (var task in ListTasksAsync(projectId, cancellationToken).ConfigureAwait(false))
        {
            if (task.Data[dataKey] is JsonValue data && data.TryGetValue<string>(out var text) && string.Equals(text, value, StringComparison.Ordinal))
            {
                ids.Add(task.Id);
            }
        }

        ids.Sort();
        return ids;
    }

    /// <summary>
    /// Creates tasks in the project through <c>POST /api/projects/{id}/import?return_task_ids=true</c> and returns their
    /// ids in the order given. Each task is <c>{"data": {…}, "meta": {…}, "predictions": [{"model_version", "score", "result"}]}</c>;
    /// <c>data</c> must hold every key the labeling config reads (<c>$image</c> → <c>"image"</c>).
    /// <para>
    /// Not idempotent, so never repeated once Label Studio may have received it: a 5xx, a timeout or a dropped connection
    /// fails at once (transient) and the tasks may exist; look them up (<see cref="FindTasksByDataAsync"/>) before importing
    /// again. Only a 429 (after Retry-After) and a 401 (once, with a refreshed token) are repeated.
    /// </para>
    /// </summary>
    /// <param name="tasks">Sent as given, neither changed nor kept. An empty list returns no ids without calling Label Studio.</param>
    /// <exception cref="LabelStudioRequestFailedException">Also when Label Studio imported in the background (Enterprise) and sent no task ids.</exception>
    public async Task<IReadOnlyList<long>> ImportTasksAsync(long projectId, JsonArray tasks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        if (tasks.Count == 0)
        {
            return [];
        }

        var body = LabelStudioRequests.JsonBody(tasks);
        var call = LabelStudioCall.ForProject($"importing {Count(tasks.Count, "task")} into project {projectId}", projectId, idempotent: false);
        var ids = await SendAsync(call, _requests.ImportTasks(projectId, body), LabelStudioJson.ReadImportedTaskIds, cancellationToken).ConfigureAwait(false);
        if (ids.Count != tasks.Count)
        {
            _logger.LogWarning("Label Studio created {Created} tasks in project {ProjectId} for the {Sent} sent", ids.Count, projectId, tasks.Count);
        }

        _logger.LogInformation("Imported {TaskCount} tasks into project {ProjectId}", ids.Count, projectId);
        return ids;
    }

    /// <summary>
    /// Adds a prediction to a task (<c>POST /api/predictions/</c>) and returns its id. Not idempotent: repeated on the
    /// same terms as <see cref="ImportTasksAsync"/>, so after a transient failure the prediction may exist (see
    /// <see cref="LabelStudioTask.Predictions"/>).
    /// </summary>
    /// <param name="result">The regions; copied.</param>
    /// <param name="score">Task-level confidence, 0-1; left out when null.</param>
    /// <param name="modelVersion">Stored as <c>model_version</c>; the labeling UI shows predictions of the project's model version.</param>
    public Task<long> CreatePredictionAsync(long taskId, JsonArray result, double? score, string modelVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(modelVersion);
        if (score is { } value && !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(score), score, "A score must be a finite number; JSON has no NaN or infinity.");
        }

        var prediction = new JsonObject { ["task"] = taskId, ["result"] = result.DeepClone() };
        if (score is not null)
        {
            prediction["score"] = score;
        }

        prediction["model_version"] = modelVersion;
        var body = LabelStudioRequests.JsonBody(prediction);
        var call = new LabelStudioCall($"creating a prediction for task {taskId}", $"task {taskId}", Idempotent: false);
        return SendAsync(call, _requests.CreatePrediction(body), LabelStudioJson.ReadCreatedId, cancellationToken);
    }

    /// <summary>
    /// Deletes a prediction (<c>DELETE /api/predictions/{id}/</c>). Retried like a read; a 404 to a retry counts as done,
    /// since an earlier attempt may have deleted it. A 404 to the first attempt is a failure.
    /// </summary>
    public Task DeletePredictionAsync(long predictionId, CancellationToken cancellationToken = default) =>
        SendAsync(
            new LabelStudioCall($"deleting prediction {predictionId}", $"prediction {predictionId}", "; it may have been deleted already", GoneOnRetryIsDone: true),
            _requests.DeletePrediction(predictionId), static (_, _) => true, cancellationToken);

    private async Task<TaskPage?> GetTaskPageAsync(long projectId, int page, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync(
                LabelStudioCall.ForProject($"listing tasks of project {projectId} (page {page})", projectId),
                _requests.ListTasks(projectId, page, _options.PageSize), LabelStudioJson.ReadTaskPage, cancellationToken).ConfigureAwait(false);
        }
        catch (LabelStudioRequestFailedException error) when (error.Status == 404 && page > 1)
        {
            // Django REST framework answers 404 "Invalid page." past the last page.
            _logger.LogDebug("Label Studio has no task page {Page} for project {ProjectId}: {Detail}", page, projectId, error.Detail);
            return null;
        }
    }

    /// <param name="request">Disposed here; sent as often as the pipeline's retries decide.</param>
    /// <param name="parse">Reads a 2xx body; given an empty body when <see cref="LabelStudioCall.GoneOnRetryIsDone"/> applies.</param>
    private async Task<T> SendAsync<T>(LabelStudioCall call, HttpRequestMessage request, Func<string, string, T> parse, CancellationToken cancellationToken)
    {
        using var _ = request;
        request.Headers.Accept.Add(Json);
        var policy = new LabelStudioRequestPolicy
        {
            Idempotent = call.Idempotent,
            Authorize = true,
            BufferContent = true,
            AttemptTimeout = _options.RequestTimeout,
            Deadline = _pipeline.Time.GetUtcNow() + _options.TotalTimeout,
        };
        using var total = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        total.CancelAfter(_options.TotalTimeout);
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.SendAsync(request, policy, HttpCompletionOption.ResponseContentRead, total.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested && LabelStudioApiErrors.FromFailure(call, _baseUrl, error, _options) is { } failure)
        {
            throw failure;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return parse(body, call.What);
            }

            var status = (int)response.StatusCode;
            if (status == 404 && policy.Attempts > 1 && call.GoneOnRetryIsDone)
            {
                _logger.LogDebug("Label Studio answered 404 to {Method} {Path} on attempt {Attempt}; an earlier attempt did it", request.Method, request.RequestUri!.AbsolutePath, policy.Attempts);
                return parse("", call.What);
            }

            throw LabelStudioApiErrors.FromStatus(
                status, call, request, LabelStudioErrorDetail.Read(body), policy.Attempts, _pipeline.Resilience.RetryAfter(response), _options, _pipeline.Tokens);
        }
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
