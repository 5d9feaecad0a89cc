using System.Diagnostics;
using Prelabel.Testing;

namespace Prelabel.Storage.Tests;

public sealed class QueueClientTests(Azurite azurite) : IClassFixture<Azurite>
{
    private readonly QueueServiceClient _service = StorageConnection.Parse(azurite.ConnectionString).CreateQueueServiceClient();

    [Fact]
    public async Task Create_if_not_exists_creates_once_then_reports_it_exists()
    {
        var queue = _service.GetQueueClient($"create-{Guid.NewGuid():N}");

        Assert.True(await queue.CreateIfNotExistsAsync());
        Assert.False(await queue.CreateIfNotExistsAsync());
    }

    [Fact]
    public async Task A_sent_message_is_received_once_and_gone_after_delete()
    {
        var queue = await NewQueueAsync();

        var sent = await queue.SendMessageAsync("predict task 42");
        var received = Assert.Single(await queue.ReceiveMessagesAsync(maxMessages: 10, visibilityTimeout: TimeSpan.FromSeconds(30)));
        var whileHidden = await queue.ReceiveMessagesAsync(maxMessages: 10);
        await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt);

        Assert.Equal(sent.MessageId, received.MessageId);
        Assert.Equal("predict task 42", received.MessageText);
        Assert.Equal(1, received.DequeueCount);
        Assert.InRange(received.NextVisibleOn, DateTimeOffset.UtcNow.AddSeconds(20), DateTimeOffset.UtcNow.AddSeconds(40));
        Assert.Equal(sent.InsertedOn, received.InsertedOn);
        Assert.Empty(whileHidden);
        Assert.Empty(await queue.PeekMessagesAsync(32));
        Assert.Equal(0, (await queue.GetPropertiesAsync()).ApproximateMessagesCount);
    }

    [Fact]
    public async Task The_dequeue_count_rises_when_a_message_comes_back_after_its_visibility_timeout()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("retry me");

        var first = Assert.Single(await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromSeconds(1)));
        var second = await ReceiveWithinAsync(queue, TimeSpan.FromSeconds(15));

        Assert.Equal(1, first.DequeueCount);
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(2, second.DequeueCount);
        Assert.NotEqual(first.PopReceipt, second.PopReceipt);
    }

    [Fact]
    public async Task Update_changes_the_pop_receipt_and_text_and_the_old_pop_receipt_stops_working()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("draft");
        var received = Assert.Single(await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromSeconds(30)));

        var updated = await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, TimeSpan.Zero, "final");
        var stale = await Assert.ThrowsAsync<StorageRequestFailedException>(() => queue.DeleteMessageAsync(received.MessageId, received.PopReceipt));
        var again = Assert.Single(await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromSeconds(30)));

        Assert.NotEqual(received.PopReceipt, updated.PopReceipt);
        Assert.Equal(StorageErrorCode.PopReceiptMismatch, stale.ErrorCode);
        Assert.Equal("final", again.MessageText);
        Assert.Equal(2, again.DequeueCount);
    }

    [Fact]
    public async Task Update_without_text_only_extends_the_visibility_and_keeps_the_text()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("long job");
        var received = Assert.Single(await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromSeconds(1)));

        var updated = await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, TimeSpan.FromSeconds(60));
        await queue.DeleteMessageAsync(received.MessageId, updated.PopReceipt);

        Assert.InRange(updated.NextVisibleOn, DateTimeOffset.UtcNow.AddSeconds(45), DateTimeOffset.UtcNow.AddSeconds(75));
        Assert.Empty(await queue.PeekMessagesAsync());
    }

    [Theory]
    [InlineData("<QueueMessage><MessageText>inner</MessageText></QueueMessage>")]
    [InlineData("a & b < c > d \"quoted\" 'single' ]]> &amp; &lt;")]
    [InlineData("line one\r\nline two\n\ttabbed  spaced  ")]
    [InlineData("{\"task\": 7, \"text\": \"ünïcødé ✓ 😀\"}")]
    [InlineData("")]
    public async Task Message_text_survives_the_round_trip_exactly(string text)
    {
        var queue = await NewQueueAsync();

        await queue.SendMessageAsync(text);
        var peeked = Assert.Single(await queue.PeekMessagesAsync());
        var received = Assert.Single(await queue.ReceiveMessagesAsync());

        Assert.Equal(text, peeked.MessageText);
        Assert.Equal(text, received.MessageText);
    }

    [Fact]
    public async Task Peek_and_the_approximate_count_see_messages_without_receiving_them()
    {
        var queue = await NewQueueAsync();
        foreach (var text in new[] { "one", "two", "three" })
        {
            await queue.SendMessageAsync(text);
        }

        var peeked = await queue.PeekMessagesAsync(maxMessages: 2);
        var properties = await queue.GetPropertiesAsync();
        var received = await queue.ReceiveMessagesAsync(maxMessages: 32);

        Assert.Equal(["one", "two"], peeked.Select(m => m.MessageText));
        Assert.All(peeked, m => Assert.Equal(0, m.DequeueCount));
        Assert.Equal(3, properties.ApproximateMessagesCount);
        Assert.Equal(["one", "three", "two"], received.Select(m => m.MessageText).Order(StringComparer.Ordinal));
        Assert.All(received, m => Assert.Equal(1, m.DequeueCount));
    }

    [Fact]
    public async Task A_message_sent_with_a_visibility_timeout_stays_hidden_and_its_time_to_live_sets_its_expiry()
    {
        var queue = await NewQueueAsync();

        var sent = await queue.SendMessageAsync("later", visibilityTimeout: TimeSpan.FromSeconds(30), timeToLive: TimeSpan.FromMinutes(5));
        var forever = await queue.SendMessageAsync("kept", timeToLive: QueueClient.MessageNeverExpires);

        Assert.Equal(["kept"], (await queue.PeekMessagesAsync(32)).Select(m => m.MessageText));
        Assert.InRange(sent.NextVisibleOn - sent.InsertedOn, TimeSpan.FromSeconds(29), TimeSpan.FromSeconds(31));
        Assert.InRange(sent.ExpiresOn - sent.InsertedOn, TimeSpan.FromSeconds(299), TimeSpan.FromSeconds(301));
        Assert.Equal(9999, forever.ExpiresOn.Year);
    }

    [Fact]
    public async Task Deleting_an_unknown_message_fails_with_404_MessageNotFound()
    {
        var queue = await NewQueueAsync();
        var sent = await queue.SendMessageAsync("real");
        await queue.DeleteMessageAsync(sent.MessageId, sent.PopReceipt);

        var failure = await Assert.ThrowsAsync<StorageRequestFailedException>(() => queue.DeleteMessageAsync(sent.MessageId, sent.PopReceipt));

        Assert.True(failure.IsNotFound);
        Assert.Equal(StorageErrorCode.MessageNotFound, failure.ErrorCode);
    }

    [Fact]
    public async Task Sending_to_a_missing_queue_fails_with_404_QueueNotFound()
    {
        var queue = _service.GetQueueClient($"absent-{Guid.NewGuid():N}");

        var failure = await Assert.ThrowsAsync<StorageRequestFailedException>(() => queue.SendMessageAsync("lost"));

        Assert.Equal(StorageErrorCode.QueueNotFound, failure.ErrorCode);
    }

    [Fact]
    public async Task A_wrong_account_key_is_refused_with_403_AuthenticationFailed()
    {
        var wrongKey = new StorageSharedKeyCredential(Azurite.AccountName, Convert.ToBase64String(new byte[64]));
        var queue = new QueueServiceClient(azurite.QueueEndpoint, wrongKey).GetQueueClient($"key-{Guid.NewGuid():N}");

        var failure = await Assert.ThrowsAsync<StorageRequestFailedException>(() => queue.CreateIfNotExistsAsync());

        Assert.Equal(403, failure.Status);
        Assert.Equal(StorageErrorCode.AuthenticationFailed, failure.ErrorCode);
    }

    private async Task<QueueClient> NewQueueAsync()
    {
        var queue = _service.GetQueueClient($"q-{Guid.NewGuid():N}");
        await queue.CreateIfNotExistsAsync();
        return queue;
    }

    // Waits for the condition (the message reappearing), polling, rather than sleeping for a guessed time.
    private static async Task<QueueMessage> ReceiveWithinAsync(QueueClient queue, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if ((await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromSeconds(30))).SingleOrDefault() is { } message)
            {
                return message;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No message became visible within {timeout}.");
    }
}
