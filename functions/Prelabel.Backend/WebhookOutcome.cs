using System.Text.Json.Nodes;

namespace Prelabel.Backend;

/// <summary>The /webhook answer: 201 for a training event, 200 {"status": "Unknown event"} for the rest.</summary>
public sealed record WebhookOutcome(int Status, JsonObject Body);
