using System.Security.Cryptography;
using PrivacySync.Core.Delivery;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Core.Delivery;

public sealed class SealedPackageTests
{
    private const string Name = "dsr-2026-0001/export.zip";
    private const int Record = 64 * 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<byte[]> SealAsync(byte[] plain, PackageKey? key = null, string name = Name)
    {
        using var sealedOutput = new MemoryStream();
        await using (var stream = SealedPackage.Seal(new MemoryStream(plain), key ?? TestPackageKey.Key, name))
        {
            await stream.CopyToAsync(sealedOutput, Ct);
        }

        return sealedOutput.ToArray();
    }

    private static async Task<byte[]> OpenAsync(byte[] sealedBytes, PackageKey? key = null, string name = Name)
    {
        using var plain = new MemoryStream();
        await using var stream = SealedPackage.Open(new MemoryStream(sealedBytes), sealedBytes.Length, key ?? TestPackageKey.Key, name);
        await stream.CopyToAsync(plain, Ct);
        return plain.ToArray();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(Record - 1)]
    [InlineData(Record)]
    [InlineData(Record + 1)]
    [InlineData((3 * Record) + 17)]
    public async Task APackageOfAnySizeOpensToItsBytesAndItsLengthIsKnownFromTheSealedLength(int size)
    {
        var plain = RandomNumberGenerator.GetBytes(size);

        var sealedBytes = await SealAsync(plain);

        Assert.Equal(plain, await OpenAsync(sealedBytes));
        Assert.Equal(size, SealedPackage.PlaintextLength(sealedBytes.Length));
    }

    [Fact]
    public async Task TheSealedBytesHoldNeitherTheZipSignatureNorThePlaintext()
    {
        var plain = "PK\u0003\u0004 kari.nordmann@example.no"u8.ToArray();

        var sealedBytes = await SealAsync(plain);

        Assert.False(sealedBytes.AsSpan(0, 2).SequenceEqual("PK"u8));
        Assert.Equal(-1, sealedBytes.AsSpan().IndexOf("kari.nordmann"u8));
        Assert.NotEqual(sealedBytes, await SealAsync(plain)); // a data key and nonces of its own each time
    }

    [Fact]
    public async Task AnotherKeyAnotherNameAnAlteredByteOrACutOffRecordDoNotOpen()
    {
        var sealedBytes = await SealAsync(RandomNumberGenerator.GetBytes((2 * Record) + 10));
        var altered = (byte[])sealedBytes.Clone();
        altered[SealedPackage.HeaderSize + 100] ^= 1;

        var otherKey = await Assert.ThrowsAsync<InvalidDataException>(() => OpenAsync(sealedBytes, PackageKey.FromSetting("another-package-key-0123456789abcdef-0123")));
        await Assert.ThrowsAsync<InvalidDataException>(() => OpenAsync(sealedBytes, name: "dsr-2026-0002/export.zip"));
        await Assert.ThrowsAsync<InvalidDataException>(() => OpenAsync(altered));
        await Assert.ThrowsAsync<InvalidDataException>(() => OpenAsync(sealedBytes[..(SealedPackage.HeaderSize + (2 * (Record + 16)))]));
        await Assert.ThrowsAsync<InvalidDataException>(() => OpenAsync("PK\u0003\u0004not sealed at all, just a zip"u8.ToArray()));
        Assert.Contains(PackageKey.SettingName, otherKey.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short-package-key")]
    public void AKeySettingUnder32BytesIsRefusedNamingTheSetting(string? setting)
    {
        var error = Assert.Throws<InvalidOperationException>(() => PackageKey.FromSetting(setting));

        Assert.Contains(PackageKey.SettingName, error.Message, StringComparison.Ordinal);
    }
}
