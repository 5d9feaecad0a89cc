using System.Globalization;

namespace Prelabel.Host.Hosting;

/// <summary>Typed reads of app settings / environment variables, failing at start-up with the setting's name.</summary>
public sealed class Settings(IConfiguration configuration)
{
    /// <summary>
    /// App Service hands over a Key Vault reference it could not resolve (no secret yet, or no Key Vault Secrets User
    /// role) as its own text; such a setting reads as unset, never as that text.
    /// </summary>
    public static bool IsUnresolvedKeyVaultReference(string? value) =>
        value?.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase) == true;

    public static string UnresolvedWarning(string name) =>
        $"{name} is a Key Vault reference the Functions host could not resolve (the secret does not exist, or the app's identity may not read it). Put the secret in the vault and restart the app.";

    public string? Text(string name) => configuration[name] is { Length: > 0 } value && !IsUnresolvedKeyVaultReference(value) ? value : null;

    /// <summary>The settings whose value is an unresolved Key Vault reference, to be logged once the logger exists.</summary>
    public IEnumerable<string> Unresolved() =>
        configuration.AsEnumerable().Where(s => IsUnresolvedKeyVaultReference(s.Value)).Select(s => s.Key).Distinct(StringComparer.OrdinalIgnoreCase);

    public double Number(string name, double fallback) =>
        Text(name) is not { } text ? fallback
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value
        : throw new InvalidOperationException($"{name}=\"{text}\" is not a number.");

    public int Integer(string name, int fallback, int min = 0) =>
        Text(name) is not { } text ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min ? value
        : throw new InvalidOperationException($"{name}=\"{text}\" is not a whole number of at least {min}.");

    public bool Flag(string name, bool fallback) =>
        Text(name)?.Trim().ToLowerInvariant() switch
        {
            null => fallback,
            "true" or "1" or "yes" => true,
            "false" or "0" or "no" => false,
            var other => throw new InvalidOperationException($"{name}=\"{other}\" is not true or false."),
        };

    public IList<string> List(string name) =>
        Text(name)?.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
