using System.Globalization;
using System.Runtime.InteropServices;
using Prelabel.LabelStudio.TestServer;

// Usage: Prelabel.LabelStudio.StandIn PORT TOKEN_FILE. Serves Label Studio's REST API (the test server) on
// 127.0.0.1:PORT with project 1 set up for the built-in OCR model, writes its API token to TOKEN_FILE, and runs until
// stopped. Not Label Studio: no UI, tasks kept in memory; `GET /api/tasks/?project=1` shows what the import made.
const string Config = """
    <View>
      <Image name="image" value="$image"/>
      <RectangleLabels name="label" toName="image">
        <Label value="Text" background="green"/>
      </RectangleLabels>
      <TextArea name="transcription" toName="image" editable="true" perRegion="true" required="false" maxSubmissions="1" rows="5" displayMode="region-list"/>
    </View>
    """;

if (args.Length != 2 || !int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
{
    Console.Error.WriteLine("usage: Prelabel.LabelStudio.StandIn PORT TOKEN_FILE");
    return 2;
}

await using var server = new LabelStudioTestServer { Port = port };
await server.StartAsync();
server.AddProject(1, "Uploads (Label Studio stand-in)", Config);
File.WriteAllText(args[1], server.LegacyToken);
Console.WriteLine($"Label Studio stand-in: {server.BaseUrl}, project 1, token in {args[1]}");
// SIGTERM (scripts/run's exit trap) and Ctrl+C both end it; the servers' own hosts would only stop listening.
var stop = new TaskCompletionSource();
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });
await stop.Task;
return 0;
