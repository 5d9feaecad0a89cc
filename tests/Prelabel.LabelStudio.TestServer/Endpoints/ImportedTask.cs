using System.Text.Json.Nodes;

namespace Prelabel.LabelStudio.TestServer.Endpoints;

/// <summary>One import item that passed <see cref="TaskImportValidator"/>; every node is a copy owned by this record.</summary>
internal sealed record ImportedTask(JsonObject Data, JsonObject Meta, List<JsonObject> Predictions, List<JsonObject> Annotations);
