using System.ComponentModel.DataAnnotations;

namespace PrivacySync.Functions.Orchestration;

/// <summary>Settings under <c>PrivacySync:</c> (app settings / environment <c>PrivacySync__X</c>).</summary>
public sealed class OrchestrationOptions
{
    public const string Section = "PrivacySync";

    /// <summary>The entities/systems/retention document; relative paths are under the script root.</summary>
    [Required]
    public string ConfigPath { get; set; } = "config/privacysync.json";

    /// <summary>PEM file (PKCS#8) of the ECDSA P-256 key that signs certificates and confirmations.</summary>
    public string? SigningKeyPath { get; set; }

    /// <summary>The same key inline (e.g. from Key Vault through an app setting reference).</summary>
    public string? SigningKeyPem { get; set; }

    /// <summary>
    /// Secret that pseudonymises the subject on certificates (HMAC); at least 32 bytes, distinct from every other
    /// secret (<see cref="SecretSettings"/>). Required where results are collected (the dsr-collect queue); an on-premises
    /// task worker needs none.
    /// </summary>
    public string? SubjectSalt { get; set; }

    /// <summary>
    /// Secret that keys the audit chain's MACs (HMAC-SHA256), at least 32 bytes, distinct from every other secret.
    /// Required wherever events are appended — every process, the on-premises task host too.
    /// </summary>
    public string? AuditKey { get; set; }

    /// <summary>Secret that signs download links; at least 32 bytes, distinct. Required where the HTTP API is served.</summary>
    public string? LinkSecret { get; set; }

    /// <summary>
    /// Key-encryption key of the export packages at rest (envelope encryption, <c>PackageKey</c>); at least 32 bytes,
    /// distinct. Required where results are collected or the HTTP API is served; best a Key Vault reference.
    /// </summary>
    public string? PackageKey { get; set; }

    /// <summary>How long a download link stays valid (the most an officer can ask for); 1 minute to 24 hours.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Attempts a system task gets for transient failures before it fails with the last reason.</summary>
    [Range(1, 100)]
    public int TaskAttemptBudget { get; set; } = 6;

    /// <summary>First retry delay when the service gave no Retry-After; doubles per attempt, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Upper bound of one retry delay.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long one connector call may run before it counts as a (transient) timeout.</summary>
    public TimeSpan TaskTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A running task older than this is taken to be abandoned by a crashed worker and may be started again.
    /// Must exceed <see cref="TaskTimeout"/>.
    /// </summary>
    public TimeSpan TaskLease { get; set; } = TimeSpan.FromMinutes(12);

    /// <summary>How long a collector's claim on assembly holds before another collector may take over.</summary>
    public TimeSpan AssemblyLease { get; set; } = TimeSpan.FromMinutes(10);
}
