using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace PrivacySync.Functions.Orchestration;

/// <summary>
/// Test-only crash windows: with <see cref="CrashAtSetting"/> naming a window (one of <see cref="Windows"/>), the worker
/// kills itself (SIGKILL, as a crash or an out-of-memory kill would) when it reaches that point, once — the first
/// process to create <see cref="CrashOnceFileSetting"/>'s file crashes, later ones run on, so the redelivery that
/// follows shows the recovery. It cannot be enabled in production: the start-up check refuses to start with it unless
/// the worker runs under the repository's local Functions host in the Development environment and on no platform
/// (Azure App Service / Functions and Kubernetes set variables that configuration cannot remove).
/// </summary>
public sealed class FaultPoints
{
    public const string CrashAtSetting = "PrivacySync:Testing:CrashAt";
    public const string CrashOnceFileSetting = "PrivacySync:Testing:CrashOnceFile";

    /// <summary>Set by the local Functions host (tests/PrivacySync.FunctionsHost) on the worker it starts.</summary>
    public const string LocalHostVariable = "PRIVACYSYNC_LOCAL_FUNCTIONS_HOST";

    private static readonly string[] PlatformVariables = ["WEBSITE_INSTANCE_ID", "WEBSITE_SITE_NAME", "KUBERNETES_SERVICE_HOST"];

    private readonly string? window;
    private readonly string? onceFile;

    public FaultPoints(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        window = configuration[CrashAtSetting] is { Length: > 0 } name ? name : null;
        onceFile = configuration[CrashOnceFileSetting] is { Length: > 0 } path ? path : null;
    }

    /// <summary>The crash windows: each lies between two writes of one step.</summary>
    public static class Windows
    {
        public const string SubjectSaved = "submit:subject-saved";
        public const string RequestCreated = "submit:request-created";
        public const string DecisionStored = "decide:decision-stored";
        public const string TasksPlanned = "dispatch:tasks-planned";
        public const string RequestCollecting = "dispatch:request-collecting";
        public const string TaskClaimed = "task:claimed";
        public const string TaskEffectsDone = "task:effects-done";
        public const string TaskOutcomeWritten = "task:outcome-written";
        public const string OutputWritten = "collect:output-written";
        public const string RequestCompleted = "collect:request-completed";
        public const string ReviewDecisionsStored = "review:decisions-stored";

        public static IReadOnlyList<string> All { get; } =
        [
            SubjectSaved, RequestCreated, DecisionStored, TasksPlanned, RequestCollecting, TaskClaimed, TaskEffectsDone,
            TaskOutcomeWritten, OutputWritten, RequestCompleted, ReviewDecisionsStored,
        ];
    }

    /// <summary>Refuses a fault point anywhere but the local test host.</summary>
    /// <exception cref="InvalidOperationException">A fault point is set where it must not be, or names no window.</exception>
    public void EnsureAllowed(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (window is null)
        {
            return;
        }

        var local = Environment.GetEnvironmentVariable(LocalHostVariable) == "1"
            && string.Equals(configuration["AZURE_FUNCTIONS_ENVIRONMENT"], "Development", StringComparison.Ordinal)
            && PlatformVariables.All(v => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v)));
        if (!local)
        {
            throw new InvalidOperationException($"{CrashAtSetting} is a test-only fault point; it is refused outside the local Functions host. Remove the setting.");
        }

        if (!Windows.All.Contains(window, StringComparer.Ordinal))
        {
            throw new InvalidOperationException($"{CrashAtSetting}: '{window}' is not a crash window ({string.Join(", ", Windows.All)}).");
        }
    }

    /// <summary>Crashes the process here when this is the configured window (and it has not crashed here before).</summary>
    public void Reached(string name)
    {
        if (window is null || !string.Equals(name, window, StringComparison.Ordinal))
        {
            return;
        }

        if (onceFile is not null)
        {
            try
            {
                using (File.Open(onceFile, FileMode.CreateNew))
                {
                }
            }
            catch (IOException)
            {
                return; // crashed here already: the recovery runs on
            }
        }

        using var self = Process.GetCurrentProcess();
        self.Kill();
    }
}
