using System.CommandLine;
using PrivacySync.Core.Certificates;

namespace PrivacySync.Cli;

/// <summary><c>keygen --out key.pem</c>: writes a new ECDSA P-256 signing key (PKCS#8 PEM); never overwrites a file.</summary>
public static class KeygenCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var path = new Option<string>("--out") { Description = "Where to write the private key (PEM). An existing file is never replaced.", Required = true };
        var command = new Command("keygen", "Create a certificate signing key (ECDSA P-256, PKCS#8 PEM) for PrivacySync:SigningKeyPath.") { path };
        command.SetAction(async (parsed, ct) =>
        {
            var file = Path.GetFullPath(parsed.GetValue(path)!);
            if (File.Exists(file) || Directory.Exists(file))
            {
                await error.WriteLineAsync($"--out: '{file}' already exists; refusing to overwrite a key.");
                return ExitCodes.InvalidInput;
            }

            if (!Directory.Exists(Path.GetDirectoryName(file)))
            {
                await error.WriteLineAsync($"--out: the folder of '{file}' does not exist.");
                return ExitCodes.InvalidInput;
            }

            using var key = CertificateKeys.GenerateDevelopmentKey();
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                // A private key: readable by its owner only.
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                await using var stream = new FileStream(file, options);
                await using var writer = new StreamWriter(stream);
                await writer.WriteAsync(CertificateKeys.ExportPrivateKeyPem(key).AsMemory(), ct);
            }
            catch (IOException) when (File.Exists(file))
            {
                await error.WriteLineAsync($"--out: '{file}' already exists; refusing to overwrite a key.");
                return ExitCodes.InvalidInput;
            }

            await output.WriteLineAsync($"Wrote a P-256 signing key to {file} (key id {CertificateKeys.KeyId(key)}). Its public key:");
            await output.WriteLineAsync(CertificateKeys.ExportPublicKeyPem(key));
            return ExitCodes.Success;
        });
        return command;
    }
}
