using Azure;
using Prelabel.Importer.Backfill;
using Prelabel.Storage;

namespace Prelabel.Host.Commands;

/// <summary>
/// <c>Prelabel backfill …</c> (scripts/backfill): the backfills as a command, with the same settings as the server.
/// <list type="bullet">
/// <item><c>blobs CONTAINER[/PREFIX]</c>: one BlobCreated event per routed blob into the image-events queue.</item>
/// <item><c>tasks PROJECT</c>: predict the project's tasks that lack a prediction of the current model_version.</item>
/// <item><c>delete PROJECT MODEL_VERSION</c>: delete that model_version's predictions from the project.</item>
/// </list>
/// Progress goes to stderr, the summary to stdout; the exit code is 0, 1 when something failed, 2 for bad usage.
/// </summary>
public static class BackfillCommand
{
    public const string Verb = "backfill";

    private const string Usage = "usage: backfill blobs CONTAINER[/PREFIX] | backfill tasks PROJECT | backfill delete PROJECT MODEL_VERSION";

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, CancellationToken cancellationToken)
    {
        try
        {
            var progress = new ConsoleProgress();
            BackfillSummary summary;
            switch (args)
            {
                case ["blobs", var path]:
                    var slash = path.IndexOf('/');
                    summary = await Need<ContainerBackfill>(services, "IMPORT_ROUTES (and IMAGES)")
                        .EnqueueAsync(slash < 0 ? path : path[..slash], slash < 0 ? "" : path[(slash + 1)..], progress, cancellationToken);
                    break;
                case ["tasks", var project] when long.TryParse(project, out var id):
                    summary = await Need<TaskBackfill>(services, "LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY").PredictAsync(id, progress, cancellationToken);
                    break;
                case ["delete", var project, var version] when long.TryParse(project, out var id):
                    summary = await Need<TaskBackfill>(services, "LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY").DeleteAsync(id, version, progress, cancellationToken);
                    break;
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
            progress.Finish();
            Console.WriteLine(summary);
            return summary.Failures.Count == 0 ? 0 : 1;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        catch (RequestFailedException e)
        {
            // Storage said no (a missing container, no role yet): its answer in one line, not a stack trace.
            Console.Error.WriteLine(StorageFailure.Describe(e));
            return 1;
        }
    }

    private static T Need<T>(IServiceProvider services, string settings) where T : notnull =>
        services.GetService<T>() ?? throw new InvalidOperationException($"This backfill needs {settings} to be set.");
}
