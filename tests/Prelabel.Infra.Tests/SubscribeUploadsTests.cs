using System.Diagnostics;

namespace Prelabel.Infra.Tests;

/// <summary>
/// scripts/subscribe-uploads, the step after the code deploy, run against a stand-in `az` and `curl` that record their
/// calls (no Azure here): it waits for the blob extension's key, waking the app, and only then deploys
/// infra/blob-trigger.bicep, once, with main.bicep's outputs.
/// </summary>
public sealed class SubscribeUploadsTests : IDisposable
{
    private readonly string _bin = Directory.CreateTempSubdirectory("prelabel-fake-az-").FullName;
    private string Log => Path.Combine(_bin, "calls.log");

    public SubscribeUploadsTests()
    {
        // Answers like the Azure CLI does for the queries the script makes; the key appears on the KEY_AFTER-th look.
        Write("az", """
            #!/usr/bin/env bash
            echo "az $*" >> "$FAKE_LOG"
            case "$1 $2" in
              "functionapp show") echo func-prelabel-x.azurewebsites.net ;;
              "functionapp keys")
                looks=$(( $(cat "$FAKE_LOG.looks" 2>/dev/null || echo 0) + 1 )); echo "$looks" > "$FAKE_LOG.looks"
                if [ "$looks" -ge "$KEY_AFTER" ]; then echo true; else echo false; fi ;;
              "deployment group") ;;
              *) echo "unexpected az $*" >&2; exit 3 ;;
            esac
            """);
        Write("curl", """
            #!/usr/bin/env bash
            echo "curl $*" >> "$FAKE_LOG"
            """);
    }

    public void Dispose() => Directory.Delete(_bin, recursive: true);

    [Fact]
    public void It_waits_for_the_blob_extension_key_waking_the_app_and_then_deploys_the_subscription_once()
    {
        var (exit, output, _) = Run(keyAfter: 3, "rg-prelabel", "func-prelabel-x", "evgt-stx", "images");

        Assert.Equal(0, exit);
        var calls = File.ReadAllLines(Log);
        Assert.Equal(3, calls.Count(c => c.StartsWith("az functionapp keys list --resource-group rg-prelabel --name func-prelabel-x")));
        Assert.Equal(2, calls.Count(c => c == "curl --silent --output /dev/null --max-time 60 https://func-prelabel-x.azurewebsites.net/"));
        var deployments = calls.Select((c, i) => (c, i)).Where(x => x.c.StartsWith("az deployment group create")).ToList();
        var deployment = Assert.Single(deployments);
        Assert.True(deployment.i == calls.Length - 1, "the subscription is deployed only after the key appeared");
        Assert.Equal("az deployment group create --resource-group rg-prelabel --name prelabel-blob-trigger --template-file infra/blob-trigger.bicep "
            + "--parameters functionAppName=func-prelabel-x systemTopicName=evgt-stx containerName=images --output none", deployment.c);
        Assert.True(File.Exists(RepositoryRoot.Combine("infra", "blob-trigger.bicep")));
        Assert.Contains("to imageUploaded on func-prelabel-x", output);
    }

    [Fact]
    public void With_uploads_going_to_the_queue_it_does_nothing()
    {
        var (exit, output, _) = Run(keyAfter: 1, "rg-prelabel", "func-prelabel-x", "", "images");

        Assert.Equal(0, exit);
        Assert.False(File.Exists(Log), "no az call at all");
        Assert.Contains("image-events queue", output);
    }

    [Fact]
    public void A_key_that_never_appears_fails_with_the_reason_and_deploys_nothing()
    {
        var (exit, _, error) = Run(keyAfter: int.MaxValue, "rg-prelabel", "func-prelabel-x", "evgt-stx", "images");

        Assert.Equal(1, exit);
        Assert.Contains("did not appear on func-prelabel-x", error);
        Assert.DoesNotContain(File.ReadAllLines(Log), c => c.StartsWith("az deployment"));
    }

    [Fact]
    public void Missing_arguments_print_the_usage()
    {
        var (exit, _, error) = Run(keyAfter: 1, "rg-prelabel", "func-prelabel-x");

        Assert.Equal(2, exit);
        Assert.StartsWith("usage: scripts/subscribe-uploads", error);
    }

    private void Write(string name, string script)
    {
        var path = Path.Combine(_bin, name);
        File.WriteAllText(path, script.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private (int Exit, string Output, string Error) Run(int keyAfter, params string[] arguments)
    {
        var start = new ProcessStartInfo(RepositoryRoot.Combine("scripts", "subscribe-uploads"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["PATH"] = $"{_bin}:{Environment.GetEnvironmentVariable("PATH")}";
        start.Environment["FAKE_LOG"] = Log;
        start.Environment["KEY_AFTER"] = keyAfter.ToString();
        start.Environment["SUBSCRIBE_POLL_SECONDS"] = "0";
        // Long enough for the three looks on a loaded machine; the never-appearing key spends all of it.
        start.Environment["SUBSCRIBE_WAIT_SECONDS"] = keyAfter == int.MaxValue ? "1" : "600";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }
}
