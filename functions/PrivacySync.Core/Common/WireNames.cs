using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Serialization;

namespace PrivacySync.Core.Common;

/// <summary>
/// The names enums carry on the wire (JSON, HTTP, configuration): the <see cref="EnumMemberAttribute"/> value,
/// else the member name. Parsing is case-insensitive so hand-written configuration is forgiving.
/// </summary>
public static class WireNames
{
    public static string ToWire<TEnum>(this TEnum value) where TEnum : struct, Enum => EnumWireMap.For(typeof(TEnum)).NameOf(value);

    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum
    {
        if (EnumWireMap.For(typeof(TEnum)).TryParse(text, out var parsed))
        {
            value = (TEnum)parsed;
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Parses a value that validation has already accepted; anything else is a bug.</summary>
    public static TEnum Parse<TEnum>(string? text) where TEnum : struct, Enum =>
        TryParse<TEnum>(text, out var value)
            ? value
            : throw new InvalidOperationException($"'{text}' is not a {typeof(TEnum).Name}; expected {Describe<TEnum>()}.");

    public static IReadOnlyList<string> All<TEnum>() where TEnum : struct, Enum => EnumWireMap.For(typeof(TEnum)).Names;

    /// <summary>"'a', 'b' or 'c'" for messages.</summary>
    public static string Describe<TEnum>() where TEnum : struct, Enum => EnumWireMap.For(typeof(TEnum)).Description;
}

internal sealed class EnumWireMap
{
    private static readonly ConcurrentDictionary<Type, EnumWireMap> Maps = new();

    private readonly Dictionary<object, string> _names = [];
    private readonly Dictionary<string, object> _values = new(StringComparer.OrdinalIgnoreCase);

    private EnumWireMap(Type enumType)
    {
        var names = new List<string>();
        foreach (var field in enumType.GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var name = field.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? field.Name;
            var value = field.GetValue(null)!;
            _names[value] = name;
            _values[name] = value;
            names.Add(name);
        }

        Names = names;
        var quoted = names.Select(n => $"'{n}'").ToList();
        Description = quoted.Count == 1 ? quoted[0] : $"{string.Join(", ", quoted[..^1])} or {quoted[^1]}";
    }

    public IReadOnlyList<string> Names { get; }

    public string Description { get; }

    public static EnumWireMap For(Type enumType) => Maps.GetOrAdd(enumType, static t => new EnumWireMap(t));

    public string NameOf(object value) =>
        _names.TryGetValue(value, out var name)
            ? name
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a defined {value.GetType().Name}.");

    public bool TryParse(string? text, out object value)
    {
        if (text is not null && _values.TryGetValue(text.Trim(), out var found))
        {
            value = found;
            return true;
        }

        value = 0;
        return false;
    }
}
