using System.Globalization;

namespace PrivacySync.Core.Audit;

/// <summary>Store keys for audit events, so a lexical sort of keys is the chain order.</summary>
public static class AuditKeys
{
    public static string RowKey(long sequence) => sequence.ToString("D19", CultureInfo.InvariantCulture);

    public static long SequenceOf(string rowKey) => long.Parse(rowKey, NumberStyles.None, CultureInfo.InvariantCulture);
}
