using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PrivacySync.FunctionsHost;

/// <summary>How to run one published isolated-worker app.</summary>
public sealed class FunctionsHostOptions
{
    /// <summary>The publish folder (holds host.json, worker.config.json, functions.metadata).</summary>
    public required string AppDirectory { get; init; }

    /// <summary>HTTP port on 127.0.0.1; 0 picks a free one (see <see cref="FunctionsHost.BaseUrl"/>).</summary>
    public int Port { get; init; }

    /// <summary>Key accepted for <c>authLevel: function</c>; random when null.</summary>
    public string? FunctionKey { get; init; }

    /// <summary>Key accepted everywhere, including the admin endpoints; random when null.</summary>
    public string? MasterKey { get; init; }

    /// <summary>
    /// Settings that win over the process environment and local.settings.json (tests use this instead of
    /// changing the test process's environment). Null values remove a setting.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Whether to read the process environment as settings (tests may turn it off for isolation).</summary>
    public bool IncludeProcessEnvironment { get; init; } = true;

    /// <summary>How long in-flight invocations may run on after a stop is requested.</summary>
    public TimeSpan ShutdownGracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the worker may take to connect, initialise and load the functions.</summary>
    public TimeSpan WorkerStartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The lease a received queue message holds while its invocation runs, renewed at half its length.
    /// Only matters when the host itself dies; a failed invocation uses host.json's visibilityTimeout.
    /// </summary>
    public TimeSpan QueueMessageLease { get; init; } = TimeSpan.FromSeconds(30);

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
