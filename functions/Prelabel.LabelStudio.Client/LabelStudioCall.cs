namespace Prelabel.LabelStudio.Client;

/// <summary>One REST call as <see cref="LabelStudioApiClient"/> sends it: how messages name it, and whether repeating it is safe.</summary>
/// <param name="What">Completes "… from Label Studio {What}", e.g. "reading project 7".</param>
/// <param name="Subject">What a 403 or 404 is about, e.g. "project 7" or "prediction 12".</param>
/// <param name="NotFoundHint">Follows "{Subject} does not exist at LABEL_STUDIO_URL=…" in a 404 message.</param>
/// <param name="Idempotent">
/// False for calls that create something. They are repeated only where the server certainly did nothing (429, and once
/// after a 401 with a refreshed token), never after a 5xx, a timeout or a dropped connection.
/// </param>
/// <param name="GoneOnRetryIsDone">A 404 to a repeated call means an earlier attempt already did it (deletes).</param>
internal sealed record LabelStudioCall(string What, string Subject, string NotFoundHint = "", bool Idempotent = true, bool GoneOnRetryIsDone = false)
{
    public static LabelStudioCall ForProject(string what, long projectId, bool idempotent = true) =>
        new(what, $"project {projectId}", "; the id is the number in the project's address, /projects/<id>/", idempotent);
}
