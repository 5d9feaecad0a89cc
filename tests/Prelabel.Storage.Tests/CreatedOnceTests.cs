namespace Prelabel.Storage.Tests;

public sealed class CreatedOnceTests
{
    [Fact]
    public async Task A_failed_creation_is_tried_again_and_a_successful_one_never_again()
    {
        var calls = 0;
        var created = new CreatedOnce(() => ++calls == 1 ? Task.FromException(new IOException("storage unreachable")) : Task.CompletedTask);

        await Assert.ThrowsAsync<IOException>(() => created.EnsureAsync());
        await created.EnsureAsync();
        await created.EnsureAsync();

        Assert.Equal(2, calls);
    }
}
