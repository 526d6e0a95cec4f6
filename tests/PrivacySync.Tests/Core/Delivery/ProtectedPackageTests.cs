using System.IO.Compression;
using System.Text;
using ICSharpCode.SharpZipLib.Zip;
using ZipFile = ICSharpCode.SharpZipLib.Zip.ZipFile;
using PrivacySync.Core.Delivery;

namespace PrivacySync.Tests.Core.Delivery;

public sealed class ProtectedPackageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static byte[] Package()
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in new[] { ("manifest.json", """{"files":[]}"""), ("summary.html", "<p>Kari Nordmann – søknad</p>"), ("hubspot/contacts.json", "[]") })
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        }

        return output.ToArray();
    }

    private static async Task<byte[]> ProtectAsync(byte[] package, string password)
    {
        using var output = new MemoryStream();
        await ProtectedPackage.WriteAsync(new MemoryStream(package), output, password, Ct);
        return output.ToArray();
    }

    private static string Read(ZipFile zip, string name)
    {
        using var reader = new StreamReader(zip.GetInputStream(zip.GetEntry(name)), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [Fact]
    public async Task EveryEntryIsAes256AndOpensWithThePasswordOnly()
    {
        var password = ProtectedPackage.NewPassword();

        var protectedZip = await ProtectAsync(Package(), password);

        using (var zip = new ZipFile(new MemoryStream(protectedZip)) { Password = password })
        {
            Assert.Equal(3, zip.Count);
            Assert.All(zip.Cast<ZipEntry>(), e => Assert.Equal(256, e.AESKeySize));
            Assert.Equal("<p>Kari Nordmann – søknad</p>", Read(zip, "summary.html"));
        }

        using (var without = new ZipFile(new MemoryStream(protectedZip)))
        {
            Assert.ThrowsAny<Exception>(() => Read(without, "summary.html"));
        }

        using var wrong = new ZipFile(new MemoryStream(protectedZip)) { Password = ProtectedPackage.NewPassword() };
        Assert.ThrowsAny<Exception>(() => Read(wrong, "summary.html"));
        Assert.Equal(-1, protectedZip.AsSpan().IndexOf("Kari"u8));
    }

    [Fact]
    public void PasswordsAreLongAndNeverRepeat()
    {
        var passwords = Enumerable.Range(0, 50).Select(_ => ProtectedPackage.NewPassword()).ToList();

        Assert.All(passwords, p => Assert.Equal(ProtectedPackage.PasswordLength, p.Length));
        Assert.Equal(passwords.Count, passwords.Distinct(StringComparer.Ordinal).Count());
        Assert.All(passwords, p => Assert.DoesNotContain(p, c => "0O1lI".Contains(c, StringComparison.Ordinal)));
    }
}
