using Microsoft.Extensions.Logging;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Functions.Teams;

/// <summary>
/// A card to post: identifiers only (the card is built when it is posted, from the request as it then is). The
/// nightly summary, which concerns no single request, carries its counts and request ids instead (as JSON text:
/// the worker binds queue messages with System.Text.Json).
/// </summary>
public sealed record NotificationMessage(string Card, string? RequestId, string? SystemId = null, int Attempt = 1, string? EntityId = null, string? Summary = null)
{
    /// <summary>Which notification this is, so a redelivered message does not post the same card twice.</summary>
    public string Key => SystemId is null ? Card : $"{Card}:{SystemId}";
}

/// <summary>
/// Where the flow hands cards to Teams: a message on [dsr-notify] for <see cref="SendTeamsNotificationFunction"/>. It
/// never fails or delays the request: a queue that cannot be reached is logged and the request goes on.
/// </summary>
public sealed class TeamsNotifications(WorkQueues queues, ILogger<TeamsNotifications> logger)
{
    public Task RequestReceivedAsync(string requestId) => EnqueueAsync(new NotificationMessage(CardNames.RequestReceived, requestId));

    public Task VerificationMissingAsync(string requestId) => EnqueueAsync(new NotificationMessage(CardNames.VerificationMissing, requestId));

    public Task ErasureAwaitingApprovalAsync(string requestId) => EnqueueAsync(new NotificationMessage(CardNames.ErasureApproval, requestId));

    public Task RequestCompletedAsync(string requestId) => EnqueueAsync(new NotificationMessage(CardNames.RequestCompleted, requestId));

    public Task SystemFailedAsync(string requestId, string systemId) => EnqueueAsync(new NotificationMessage(CardNames.SystemFailed, requestId, systemId));

    /// <summary>A system found more than one person for the subject (trust-identity's identity-conflict outcome); the task's error says what it found.</summary>
    public Task IdentityConflictAsync(string requestId, string systemId) => EnqueueAsync(new NotificationMessage(CardNames.IdentityConflict, requestId, systemId));

    /// <summary>The request is due within 7 days (or is overdue, once it is past its due date): posted once per request and kind.</summary>
    public Task DeadlineAsync(string requestId, bool overdue) =>
        EnqueueAsync(new NotificationMessage(overdue ? CardNames.DeadlineOverdue : CardNames.DeadlineAtRisk, requestId));

    /// <summary>The nightly report's hook: one summary card per entity and night.</summary>
    public Task NightlySummaryAsync(NightlySummaryCard summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return EnqueueAsync(new NotificationMessage(CardNames.NightlySummary, null, EntityId: summary.Entity, Summary: summary.ToJson().ToString(Newtonsoft.Json.Formatting.None)));
    }

    private async Task EnqueueAsync(NotificationMessage message)
    {
        try
        {
            // Its own token: the request's caller going away must not drop the notification half-sent.
            await queues.NotifyAsync(message, null, CancellationToken.None);
        }
        catch (Exception e)
        {
            TeamsLog.NotQueued(logger, message.Card, message.RequestId ?? message.EntityId ?? "-", e.GetType().Name);
        }
    }
}
