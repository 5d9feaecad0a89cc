namespace Prelabel.Host.Tests;

/// <summary>One Prelabel process with default settings, shared by a test class.</summary>
public sealed class BackendFixture : IAsyncLifetime
{
    public PrelabelProcess Backend { get; private set; } = null!;

    public async Task InitializeAsync() => Backend = await PrelabelProcess.StartAsync();

    public async Task DisposeAsync() => await Backend.DisposeAsync();
}
