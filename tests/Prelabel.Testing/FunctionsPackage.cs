using System.Diagnostics;

namespace Prelabel.Testing;

/// <summary>The Functions app zip, as scripts/package builds it for the pipeline.</summary>
public static class FunctionsPackage
{
    public static string Build(string zip)
    {
        var start = new ProcessStartInfo(RepositoryRoot.Combine("scripts", "package"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot.Path,
        };
        start.ArgumentList.Add(zip);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"scripts/package failed ({process.ExitCode}):\n{output}\n{error.Result}");
        return zip;
    }
}
