using System.Data.Common;
using System.Globalization;
using Newtonsoft.Json.Linq;
using PrivacySync.Connectors.Hr.Sql;

namespace PrivacySync.Connectors.Hr;

/// <summary>Reads column values by their portable kind, so both engines give the same export.</summary>
internal static class HrValues
{
    public static DateOnly ReadDate(DbDataReader reader, int ordinal, SqlValueKind kind) =>
        kind == SqlValueKind.DateTime ? DateOnly.FromDateTime(reader.GetDateTime(ordinal)) : reader.GetFieldValue<DateOnly>(ordinal);

    public static JToken ToJson(DbDataReader reader, int ordinal, SqlValueKind kind)
    {
        if (reader.IsDBNull(ordinal)) return JValue.CreateNull();
        return kind switch
        {
            SqlValueKind.Text => new JValue(reader.GetString(ordinal)),
            SqlValueKind.Integer => new JValue(Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture)),
            SqlValueKind.Decimal => new JValue(Convert.ToDecimal(reader.GetValue(ordinal), CultureInfo.InvariantCulture)),
            SqlValueKind.Boolean => new JValue(reader.GetBoolean(ordinal)),
            SqlValueKind.Date => new JValue(reader.GetFieldValue<DateOnly>(ordinal).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            SqlValueKind.DateTime => new JValue(FormatDateTime(reader.GetDateTime(ordinal))),
            SqlValueKind.Binary => new JValue(Convert.ToBase64String((byte[])reader.GetValue(ordinal))),
            _ => new JValue(Convert.ToString(reader.GetValue(ordinal), CultureInfo.InvariantCulture)),
        };
    }

    private static string FormatDateTime(DateTime value) =>
        value.ToString(value.Kind == DateTimeKind.Utc ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
}
