using PrivacySync.Core.Delivery;

namespace PrivacySync.Tests.Core.Support;

/// <summary>The package key the test apps seal export packages with (PrivacySync:PackageKey).</summary>
internal static class TestPackageKey
{
    public const string Value = "test-package-key-0123456789abcdef-0123456789";

    public static PackageKey Key { get; } = PackageKey.FromSetting(Value);
}
