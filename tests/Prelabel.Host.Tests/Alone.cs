namespace Prelabel.Host.Tests;

/// <summary>
/// Tests that time many processes against each other (the fault-injection soak) run with no other test class beside
/// them, so a loaded CI machine does not turn their timeouts into failures.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Alone
{
    public const string Name = "alone";
}
