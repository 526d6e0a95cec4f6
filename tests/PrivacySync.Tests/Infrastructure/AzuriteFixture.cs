using System.Security.Cryptography;
using System.Text;
using PrivacySync.Storage;

namespace PrivacySync.Tests.Infrastructure;

/// <summary>
/// The shared Azurite instance, from the connection string in PRIVACYSYNC_TEST_STORAGE (run.sh test sets it).
/// A missing variable fails every test that uses the fixture: integration tests never pass silently.
/// Use it as IClassFixture&lt;AzuriteFixture&gt; and give every queue/container/table a <see cref="UniqueName"/>.
/// </summary>
public sealed class AzuriteFixture
{
    public const string VariableName = "PRIVACYSYNC_TEST_STORAGE";

    public AzuriteFixture()
    {
        var connectionString = Environment.GetEnvironmentVariable(VariableName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"{VariableName} is not set. Integration tests need Azurite: run './run.sh test', or start Azurite and " +
                $"set {VariableName} to its connection string.");
        }

        ConnectionString = connectionString;
        Clients = StorageClients.FromConnectionString(connectionString);
    }

    public string ConnectionString { get; }

    public StorageClients Clients { get; }

    /// <summary>
    /// A name valid for a queue, a container and a table alike: lowercase letters and digits, starting with a
    /// letter, at most 63 characters, ending in a random suffix so parallel tests and runs never collide.
    /// </summary>
    public string UniqueName(string prefix)
    {
        var clean = new StringBuilder();
        foreach (var c in prefix.ToLowerInvariant())
        {
            if (char.IsAsciiLetterLower(c) || (char.IsAsciiDigit(c) && clean.Length > 0))
            {
                clean.Append(c);
            }
        }

        var stem = clean.Length == 0 ? "t" : clean.ToString(0, Math.Min(clean.Length, 40));
        return stem + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
    }
}
