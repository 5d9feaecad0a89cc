using System.Text.Json.Nodes;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Prelabel.Testing;

namespace Prelabel.Importer.Tests;

/// <summary>The ledger against real Azurite: its guarantee rests on If-None-Match creates, leases and conditioned writes.</summary>
public sealed class ImportLedgerTests(Azurite azurite) : IClassFixture<Azurite>
{
    private const long Project = 3;

    // The shortest lease Blob storage grants, so a dead delivery's claim frees within a test.
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(15);

    private readonly BlobContainerClient _container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient($"ledger-{Guid.NewGuid():N}");

    [Fact]
    public async Task Of_eight_deliveries_claiming_at_once_one_holds_the_claim_and_once_recorded_every_later_one_finds_the_task()
    {
        var ledger = new ImportLedger(_container, Lease);
        var blob = Event("cam1/0001.png");

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => ledger.ClaimAsync(Project, blob, CancellationToken.None)));
        // The one that created the entry need not be the one that leased it first; that one then reconciles (Unfinished).
        var held = Assert.Single(claims, c => c.Status is LedgerStatus.New or LedgerStatus.Unfinished);
        Assert.All(claims.Where(c => c != held), c => Assert.Equal(LedgerStatus.Busy, c.Status));
        await held.RecordAsync(42, CancellationToken.None);
        await held.DisposeAsync();
        await using var later = await ledger.ClaimAsync(Project, blob, CancellationToken.None);

        Assert.Equal((LedgerStatus.Imported, 42L), (later.Status, later.TaskId));
        var entry = JsonNode.Parse((await _container.GetBlobClient($"{Project}/images/cam1/0001.png").DownloadContentAsync()).Value.Content.ToString())!;
        Assert.Equal(("imported", 42L), ((string?)entry["state"], (long?)entry["task_id"]));
    }

    [Fact]
    public async Task A_claim_left_by_a_delivery_that_died_is_busy_until_its_lease_runs_out_then_unfinished()
    {
        var ledger = new ImportLedger(_container, Lease);
        var blob = Event("cam1/0002.png");
        // What a delivery that died mid-import leaves: its claim, leased, never renewed, released or recorded.
        await using (await ledger.ClaimAsync(Project, blob, CancellationToken.None)) { }
        await _container.GetBlobClient($"{Project}/images/cam1/0002.png").GetBlobLeaseClient().AcquireAsync(Lease);

        await using var meanwhile = await ledger.ClaimAsync(Project, blob, CancellationToken.None);
        LedgerClaim? after = null;
        using var cap = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (after is not { Status: not LedgerStatus.Busy })
        {
            await Task.Delay(500, cap.Token);
            after = await ledger.ClaimAsync(Project, blob, cap.Token);
        }
        await using (after) await after.RecordAsync(7, CancellationToken.None);
        await using var last = await ledger.ClaimAsync(Project, blob, CancellationToken.None);

        Assert.Equal(LedgerStatus.Busy, meanwhile.Status);
        Assert.Equal(LedgerStatus.Unfinished, after.Status);
        Assert.Equal((LedgerStatus.Imported, 7L), (last.Status, last.TaskId));
    }

    [Fact]
    public async Task A_delivery_whose_lease_was_lost_to_another_cannot_write_the_claim_any_more()
    {
        var ledger = new ImportLedger(_container, Lease);
        var blob = Event("cam1/0004.png");
        await using var first = await ledger.ClaimAsync(Project, blob, CancellationToken.None);
        // Its lease broken (as when it stalled past expiry): another delivery takes the claim over and finishes.
        await _container.GetBlobClient($"{Project}/images/cam1/0004.png").GetBlobLeaseClient().BreakAsync(TimeSpan.Zero);
        await using (var second = await ledger.ClaimAsync(Project, blob, CancellationToken.None))
        {
            Assert.Equal(LedgerStatus.Unfinished, second.Status);
            await second.RecordAsync(9, CancellationToken.None);
        }

        var lost = await Assert.ThrowsAsync<RequestFailedException>(() => first.RecordAsync(10, CancellationToken.None));
        await using var last = await ledger.ClaimAsync(Project, blob, CancellationToken.None);

        Assert.Equal(LedgerStatus.New, first.Status);
        Assert.Contains(lost.ErrorCode, new[] { BlobErrorCode.LeaseIdMismatchWithBlobOperation.ToString(), BlobErrorCode.LeaseNotPresentWithBlobOperation.ToString(), BlobErrorCode.ConditionNotMet.ToString() });
        Assert.Equal((LedgerStatus.Imported, 9L), (last.Status, last.TaskId));
    }

    [Fact]
    public async Task A_forgotten_claim_lets_the_next_delivery_start_afresh()
    {
        var ledger = new ImportLedger(_container, Lease);
        var blob = Event("cam1/0003.png");

        await using (var first = await ledger.ClaimAsync(Project, blob, CancellationToken.None))
            await first.ForgetAsync(CancellationToken.None);
        await using var second = await ledger.ClaimAsync(Project, blob, CancellationToken.None);

        Assert.Equal(LedgerStatus.New, second.Status);
    }

    private static BlobCreatedEvent Event(string name) =>
        new(Guid.NewGuid().ToString(), "images", name, new Uri($"https://acct.blob.core.windows.net/images/{name}"), "image/png", 100, "0x1");
}
