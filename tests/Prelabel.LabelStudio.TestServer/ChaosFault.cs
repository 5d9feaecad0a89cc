namespace Prelabel.LabelStudio.TestServer;

/// <summary>The faults <see cref="FaultInjector.Chaos"/> picks from; combine them to choose which may happen.</summary>
[Flags]
public enum ChaosFault
{
    None = 0,

    /// <summary>500 with a DRF body before the endpoint runs: nothing was done.</summary>
    ServerError = 1,

    /// <summary>429 with <c>Retry-After: 1</c> before the endpoint runs: nothing was done.</summary>
    RateLimit = 2,

    /// <summary>A wait before the endpoint runs (meant to outlast the client's timeout); a client that gives up first leaves nothing done.</summary>
    Delay = 4,

    /// <summary>The endpoint runs and commits, then the connection is aborted without an answer.</summary>
    DropAfterCommit = 8,

    All = ServerError | RateLimit | Delay | DropAfterCommit,
}
