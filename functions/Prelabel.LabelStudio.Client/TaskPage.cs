namespace Prelabel.LabelStudio.Client;

/// <summary>One page of <c>/api/tasks/</c>; <see cref="Total"/> is the project's task count, null for an unpaginated list.</summary>
internal sealed record TaskPage(IReadOnlyList<LabelStudioTask> Tasks, long? Total);
