namespace PrivacySync.Storage;

/// <summary>
/// A table row: keys, optimistic-concurrency ETag and typed properties. Supported values: string, int, long,
/// double, bool, DateTimeOffset/DateTime (stored as UTC Edm.DateTime), Guid and byte[]. Setting null removes
/// the property (the Table service stores no nulls).
/// </summary>
public sealed class TableEntity
{
    private readonly Dictionary<string, object?> _properties = new(StringComparer.Ordinal);

    public TableEntity(string partitionKey, string rowKey)
    {
        PartitionKey = ValidateKey(partitionKey, nameof(partitionKey));
        RowKey = ValidateKey(rowKey, nameof(rowKey));
    }

    public string PartitionKey { get; }

    public string RowKey { get; }

    /// <summary>The version read or written last; pass it as If-Match to update only that version.</summary>
    public string? ETag { get; set; }

    /// <summary>Server-maintained last-modified time (read only on the service side).</summary>
    public DateTimeOffset? Timestamp { get; set; }

    public IReadOnlyDictionary<string, object?> Properties => _properties;

    public object? this[string name]
    {
        get => _properties.GetValueOrDefault(name);
        set
        {
            ValidatePropertyName(name);
            if (value is null)
            {
                _properties.Remove(name);
                return;
            }

            _properties[name] = value switch
            {
                string or int or long or double or bool or DateTimeOffset or Guid => value,
                byte[] bytes => bytes.ToArray(),
                DateTime dateTime => new DateTimeOffset(dateTime.Kind == DateTimeKind.Unspecified
                    ? DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)
                    : dateTime.ToUniversalTime()),
                _ => throw new ArgumentException($"Property '{name}' has unsupported type {value.GetType().Name}.", nameof(value)),
            };
        }
    }

    public string? GetString(string name) => Get<string>(name);

    public int? GetInt32(string name) => _properties.GetValueOrDefault(name) switch
    {
        null => null,
        int i => i,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        var other => throw Mismatch(name, other, "Int32"),
    };

    /// <summary>Widens an Int32 value: the service returns small integers without a type annotation.</summary>
    public long? GetInt64(string name) => _properties.GetValueOrDefault(name) switch
    {
        null => null,
        long l => l,
        int i => i,
        var other => throw Mismatch(name, other, "Int64"),
    };

    public bool? GetBoolean(string name) => Get<bool>(name);

    public DateTimeOffset? GetDateTimeOffset(string name) => Get<DateTimeOffset>(name);

    public double? GetDouble(string name) => _properties.GetValueOrDefault(name) switch
    {
        null => null,
        double d => d,
        int i => i,
        long l => l,
        var other => throw Mismatch(name, other, "Double"),
    };

    public Guid? GetGuid(string name) => Get<Guid>(name);

    public byte[]? GetBinary(string name) => Get<byte[]>(name)?.ToArray();

    internal void SetRaw(string name, object value) => _properties[name] = value;

    private T? Get<T>(string name) where T : notnull
    {
        var value = _properties.GetValueOrDefault(name);
        return value switch
        {
            null => default,
            T typed => typed,
            _ => throw Mismatch(name, value, typeof(T).Name),
        };
    }

    private static InvalidCastException Mismatch(string name, object value, string wanted) =>
        new($"Property '{name}' is {value.GetType().Name}, not {wanted}.");

    private static string ValidateKey(string key, string parameter)
    {
        ArgumentNullException.ThrowIfNull(key, parameter);
        if (key.Length > 512 || key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw new ArgumentException("Table keys are at most 512 characters without '/', '\\', '#', '?' or control characters.", parameter);
        }

        return key;
    }

    private static void ValidatePropertyName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name is "PartitionKey" or "RowKey" or "Timestamp" or "ETag" || name.Length > 255 || name.Contains('@') ||
            name.StartsWith("odata.", StringComparison.Ordinal) || !char.IsAsciiLetter(name[0]) && name[0] != '_' ||
            !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"'{name}' is not a usable property name (letters, digits, '_'; not a key or Timestamp).", nameof(name));
        }
    }
}
