using Azure;

namespace Prelabel.Storage.Tests;

public sealed class StorageFailureTests
{
    [Fact]
    public void A_failure_the_sdk_gave_up_on_is_one_and_a_cancellation_someone_asked_for_is_not()
    {
        using var asked = new CancellationTokenSource();
        asked.Cancel();

        Assert.True(StorageFailure.Is(new RequestFailedException(503, "busy"), CancellationToken.None));
        Assert.True(StorageFailure.Is(new AggregateException(new RequestFailedException("refused")), CancellationToken.None));
        Assert.True(StorageFailure.Is(new TaskCanceledException("try timed out"), CancellationToken.None));
        Assert.False(StorageFailure.Is(new TaskCanceledException(), asked.Token));
        Assert.False(StorageFailure.Is(new InvalidOperationException(), CancellationToken.None));
    }

    [Fact]
    public void The_description_is_status_error_code_and_the_first_line_only()
    {
        var failure = new RequestFailedException(404, "The specified container does not exist.\nRequestId:1\nHeaders:\nServer: Azurite", "ContainerNotFound", null);

        Assert.Equal("storage answered 404 ContainerNotFound: The specified container does not exist.", StorageFailure.Describe(failure));
        Assert.Equal("storage answered nothing: Connection refused", StorageFailure.Describe(new RequestFailedException("Connection refused")));
    }
}
