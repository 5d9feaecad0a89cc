namespace Prelabel.LabelStudio.Client;

/// <summary>Thrown by the connect-time guard; carried out of HttpClient as an inner exception.</summary>
internal sealed class AddressBlockedException(string message) : Exception(message);
