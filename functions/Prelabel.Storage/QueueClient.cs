using System.Globalization;
using Azure.Core;

namespace Prelabel.Storage;

/// <summary>
/// One storage queue. Message text goes as it is (XML-escaped, no base64): a Functions queue trigger, which expects
/// base64 by default, needs the sender to encode it.
/// </summary>
public sealed class QueueClient
{
    /// <summary>A time-to-live for messages that never expire.</summary>
    public static readonly TimeSpan MessageNeverExpires = TimeSpan.FromSeconds(-1);

    private static readonly StatusCodeClassifier CreatedOrExists = new([201, 204, 409]);

    private readonly StoragePipeline _pipeline;
    private readonly Uri _messagesUri;

    internal QueueClient(StoragePipeline pipeline, Uri serviceUri, string name)
    {
        (_pipeline, Name) = (pipeline, name);
        Uri = StorageUris.Child(serviceUri, name);
        _messagesUri = StorageUris.Child(Uri, "messages");
    }

    public string Name { get; }

    public Uri Uri { get; }

    /// <returns>True when this call created the queue.</returns>
    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Put, Uri);

        // 204: it exists with the same (no) metadata; 409 QueueAlreadyExists: with other metadata. Both mean it is there.
        message.ResponseClassifier = CreatedOrExists;
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 409)
        {
            return response.Status == 201;
        }

        var failure = await StorageRequestFailedException.FromResponseAsync(message.Request, response, cancellationToken).ConfigureAwait(false);
        return failure.ErrorCode == StorageErrorCode.QueueAlreadyExists ? false : throw failure;
    }

    /// <param name="messageText">Up to 64 KiB once XML-escaped and UTF-8 encoded.</param>
    /// <param name="visibilityTimeout">How long the message stays hidden after sending; visible at once when null.</param>
    /// <param name="timeToLive">How long it may wait to be deleted; 7 days when null, <see cref="MessageNeverExpires"/> for ever.</param>
    public async Task<SendReceipt> SendMessageAsync(
        string messageText, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        using var message = _pipeline.CreateMessage(RequestMethod.Post, _messagesUri);
        if (visibilityTimeout is { } visibility)
        {
            message.Request.Uri.AppendQuery("visibilitytimeout", StorageHeaders.Seconds(visibility));
        }

        if (timeToLive is { } ttl)
        {
            message.Request.Uri.AppendQuery("messagettl", StorageHeaders.Seconds(ttl));
        }

        SetBody(message.Request, messageText);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var sent = await QueueMessageXml.ReadAsync(response.ContentStream ?? Stream.Null, cancellationToken).ConfigureAwait(false);
        return sent.Count == 1 ? QueueMessageXml.Sent(sent[0]) : throw new InvalidDataException("Put Message answered without the message.");
    }

    /// <summary>Receives up to <paramref name="maxMessages"/> messages, hiding each for <paramref name="visibilityTimeout"/>.</summary>
    /// <param name="maxMessages">1 to 32.</param>
    /// <param name="visibilityTimeout">1 second to 7 days; 30 seconds when null.</param>
    public async Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(
        int maxMessages = 1, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, 32);
        using var message = _pipeline.CreateMessage(RequestMethod.Get, _messagesUri);
        message.Request.Uri.AppendQuery("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture));
        if (visibilityTimeout is { } visibility)
        {
            message.Request.Uri.AppendQuery("visibilitytimeout", StorageHeaders.Seconds(visibility));
        }

        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var received = await QueueMessageXml.ReadAsync(response.ContentStream ?? Stream.Null, cancellationToken).ConfigureAwait(false);
        return received.Select(QueueMessageXml.Received).ToList();
    }

    /// <summary>Looks at up to <paramref name="maxMessages"/> visible messages (1 to 32) without receiving them.</summary>
    public async Task<IReadOnlyList<PeekedMessage>> PeekMessagesAsync(int maxMessages = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, 32);
        using var message = _pipeline.CreateMessage(RequestMethod.Get, _messagesUri);
        message.Request.Uri.AppendQuery("peekonly", "true");
        message.Request.Uri.AppendQuery("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture));
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var peeked = await QueueMessageXml.ReadAsync(response.ContentStream ?? Stream.Null, cancellationToken).ConfigureAwait(false);
        return peeked.Select(QueueMessageXml.Peeked).ToList();
    }

    /// <exception cref="StorageRequestFailedException">404 MessageNotFound, or 400 PopReceiptMismatch for an outdated pop receipt.</exception>
    public async Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, StorageUris.Child(_messagesUri, messageId));
        message.Request.Uri.AppendQuery("popreceipt", popReceipt, escapeValue: true);
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Hides the message for <paramref name="visibilityTimeout"/> from now (zero: visible at once), and replaces its text when given.</summary>
    /// <returns>The new pop receipt; the one passed in stops working.</returns>
    public async Task<UpdateReceipt> UpdateMessageAsync(
        string messageId, string popReceipt, TimeSpan visibilityTimeout, string? messageText = null, CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Put, StorageUris.Child(_messagesUri, messageId));
        message.Request.Uri.AppendQuery("popreceipt", popReceipt, escapeValue: true);
        message.Request.Uri.AppendQuery("visibilitytimeout", StorageHeaders.Seconds(visibilityTimeout));
        if (messageText is not null)
        {
            SetBody(message.Request, messageText);
        }

        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return new UpdateReceipt(
            StorageHeaders.Required(response.Headers, "x-ms-popreceipt"),
            StorageHeaders.ParseDate(StorageHeaders.Required(response.Headers, "x-ms-time-next-visible")));
    }

    public async Task<QueueProperties> GetPropertiesAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Get, Uri);
        message.Request.Uri.AppendQuery("comp", "metadata");
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var count = int.Parse(StorageHeaders.Required(response.Headers, "x-ms-approximate-messages-count"), CultureInfo.InvariantCulture);
        return new QueueProperties(count, StorageHeaders.ReadMetadata(response.Headers));
    }

    private static void SetBody(Request request, string messageText)
    {
        request.Content = RequestContent.Create(QueueMessageXml.Write(messageText));
        request.Headers.SetValue(HttpHeader.Names.ContentType, "application/xml; charset=utf-8");
    }
}
