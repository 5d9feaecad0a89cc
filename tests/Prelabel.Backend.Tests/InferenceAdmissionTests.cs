namespace Prelabel.Backend.Tests;

/// <summary>Work past the running slots waits in a bounded queue for a bounded time; beyond either it is refused at once with a reason and Retry-After.</summary>
public sealed class InferenceAdmissionTests
{
    [Fact]
    public async Task Work_beyond_the_slots_and_the_queue_is_refused_at_once_and_what_waited_runs_when_a_slot_frees()
    {
        using var admission = new InferenceAdmission(new AdmissionOptions { Concurrency = 1, QueueLength = 1, MaxWait = TimeSpan.FromMinutes(5) });
        var release = new TaskCompletionSource();
        var running = admission.RunAsync(async _ => { await release.Task; return "first"; }, CancellationToken.None);
        var waiting = admission.RunAsync(_ => Task.FromResult("second"), CancellationToken.None);

        var refused = await Assert.ThrowsAsync<BackendException>(() => admission.RunAsync(_ => Task.FromResult("third"), CancellationToken.None));

        Assert.Equal(503, refused.Status);
        Assert.Contains("1 predictions are running (INFERENCE_CONCURRENCY) and 1 waiting (INFERENCE_QUEUE)", refused.Message);
        Assert.InRange(refused.RetryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.False(waiting.IsCompleted);
        release.SetResult();
        Assert.Equal(new[] { "first", "second" }, await Task.WhenAll(running, waiting));
    }

    [Fact]
    public async Task Work_that_waits_past_the_deadline_is_refused_and_leaves_its_place()
    {
        using var admission = new InferenceAdmission(new AdmissionOptions { Concurrency = 1, QueueLength = 4, MaxWait = TimeSpan.FromMilliseconds(100) });
        var release = new TaskCompletionSource();
        var running = admission.RunAsync(async _ => { await release.Task; return 1; }, CancellationToken.None);

        var late = await Assert.ThrowsAsync<BackendException>(() => admission.RunAsync(_ => Task.FromResult(2), CancellationToken.None));

        Assert.Equal(503, late.Status);
        Assert.Contains("waited 0.1 s (INFERENCE_MAX_WAIT_SECONDS)", late.Message);
        release.SetResult();
        Assert.Equal(1, await running);
        Assert.Equal(3, await admission.RunAsync(_ => Task.FromResult(3), CancellationToken.None));
    }

    [Fact]
    public async Task A_caller_that_gives_up_while_waiting_is_cancelled_not_refused()
    {
        using var admission = new InferenceAdmission(new AdmissionOptions { Concurrency = 1, QueueLength = 1, MaxWait = TimeSpan.FromMinutes(5) });
        var release = new TaskCompletionSource();
        var running = admission.RunAsync(async _ => { await release.Task; return 1; }, CancellationToken.None);
        using var caller = new CancellationTokenSource();

        var waiting = admission.RunAsync(_ => Task.FromResult(2), caller.Token);
        caller.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        // Its queue place is free again.
        var next = admission.RunAsync(_ => Task.FromResult(3), CancellationToken.None);
        release.SetResult();
        Assert.Equal(new[] { 1, 3 }, await Task.WhenAll(running, next));
    }

    [Fact]
    public async Task A_failure_frees_the_slot()
    {
        using var admission = new InferenceAdmission(new AdmissionOptions { Concurrency = 1, QueueLength = 0, MaxWait = TimeSpan.FromMinutes(5) });

        await Assert.ThrowsAsync<InvalidOperationException>(() => admission.RunAsync<int>(_ => throw new InvalidOperationException("model failed"), CancellationToken.None));

        Assert.Equal(4, await admission.RunAsync(_ => Task.FromResult(4), CancellationToken.None));
    }
}
