using System.IO.Compression;
using System.Security.Cryptography;
using ICSharpCode.SharpZipLib.Zip;

namespace PrivacySync.Core.Delivery;

/// <summary>
/// The export package again as a password-protected zip, every entry encrypted with AES-256 (WinZip AE-2, which
/// 7-Zip, WinZip and the common unzip tools open), for an officer who sends the package by one channel and the
/// password by another. The password is generated here and returned once; nothing stores it.
/// </summary>
public static class ProtectedPackage
{
    // No look-alikes (0/O, 1/l/I), so a password read out on the phone arrives intact; 24 of 54 symbols ≈ 138 bits.
    private const string Alphabet = "23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";

    public const int PasswordLength = 24;

    public static string NewPassword() => new(RandomNumberGenerator.GetItems<char>(Alphabet, PasswordLength));

    /// <summary>Writes <paramref name="package"/> (a seekable zip) to <paramref name="output"/> with each entry AES-256 encrypted.</summary>
    public static async Task WriteAsync(Stream package, Stream output, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentException.ThrowIfNullOrEmpty(password);
        await using var source = await ZipArchive.CreateAsync(package, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        await using var zip = new ZipOutputStream(output) { IsStreamOwner = false, Password = password };
        zip.SetLevel(6);
        foreach (var entry in source.Entries)
        {
            zip.PutNextEntry(new ZipEntry(entry.FullName) { AESKeySize = 256, DateTime = entry.LastWriteTime.UtcDateTime, IsUnicodeText = true });
            await using (var content = await entry.OpenAsync(cancellationToken))
            {
                await content.CopyToAsync(zip, cancellationToken);
            }

            zip.CloseEntry();
        }

        zip.Finish();
    }
}
