using System.Globalization;

namespace Prelabel.Host.Hosting;

/// <summary>Typed reads of app settings / environment variables, failing at start-up with the setting's name.</summary>
public sealed class Settings(IConfiguration configuration)
{
    public string? Text(string name) => configuration[name] is { Length: > 0 } value ? value : null;

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
