using PrivacySync.Core.Audit;

namespace PrivacySync.Tests.Core.Support;

/// <summary>The audit key every test app and test store uses, so a test can check the chains they write.</summary>
internal static class TestAudit
{
    public const string Key = "test-audit-key-0123456789abcdef-0123456789";

    public static AuditChain Chain { get; } = new(AuditKey.FromSetting(Key));
}
