using Azure.Core;

namespace PrivacySync.Storage;

/// <summary>
/// Pipeline options for <see cref="StorageAccount"/>: retries (<see cref="ClientOptions.Retry"/>), transport,
/// diagnostics and extra policies come from Azure.Core. The default retry policy retries 408, 429, 500, 502, 503,
/// 504 and network failures, honouring Retry-After; it never retries 409 or 412, so conditional writes fail once.
/// </summary>
public sealed class StorageClientOptions : ClientOptions
{
    /// <summary>Clock for the x-ms-date request header (injected so signatures can be tested).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
