namespace PrivacySync.Functions.Orchestration;

/// <summary>The app's function names (the <c>[Function]</c> attributes use them), grouped by what an instance must hold to run them.</summary>
public static class FunctionNames
{
    public const string SubmitRequest = "SubmitRequest";
    public const string GetRequest = "GetRequest";
    public const string ListRequests = "ListRequests";
    public const string DecideRequest = "DecideRequest";
    public const string GetRequestOutput = "GetRequestOutput";
    public const string CreateOutputLink = "CreateOutputLink";
    public const string ReviewRequest = "ReviewRequest";
    public const string CertificateKey = "CertificateKey";
    public const string Health = "Health";
    public const string DispatchRequest = "DispatchRequest";
    public const string RunSystemTask = "RunSystemTask";
    public const string RunOnPremSystemTask = "RunOnPremSystemTask";
    public const string CollectResults = "CollectResults";
    public const string NightlyReconciliation = "NightlyReconciliation";
    public const string GetReconciliationReport = "GetReconciliationReport";
    public const string SendTeamsNotification = "SendTeamsNotification";

    /// <summary>HTTP functions that need the link secret (they hand out or check download links).</summary>
    public static readonly IReadOnlyList<string> Api = [SubmitRequest, GetRequest, ListRequests, DecideRequest, CreateOutputLink, GetRequestOutput];

    /// <summary>
    /// HTTP functions for officers (and the Teams flow acting for one): anonymous at the host, authenticated by the app
    /// with Entra ID bearer tokens. Function keys are for machine-to-machine calls that name no officer.
    /// </summary>
    public static readonly IReadOnlyList<string> OfficerApi = [SubmitRequest, GetRequest, ListRequests, DecideRequest, CreateOutputLink, GetRequestOutput, ReviewRequest];

    /// <summary>Functions that need the signing key: the collector and the nightly reconciliation (addenda) sign, the key endpoint publishes it.</summary>
    public static readonly IReadOnlyList<string> Signing = [CollectResults, CertificateKey, NightlyReconciliation];

    /// <summary>The task function that serves systems of each queue kind.</summary>
    public static string ForTasks(Core.Configuration.TaskQueue queue) =>
        queue == Core.Configuration.TaskQueue.OnPrem ? RunOnPremSystemTask : RunSystemTask;
}
