namespace Prelabel.LabelStudio.Client;

/// <summary>Why an address is restricted; <paramref name="AlwaysRefused"/> ignores MEDIA_ALLOWED_HOSTS.</summary>
internal sealed record AddressVerdict(string Reason, bool AlwaysRefused);
