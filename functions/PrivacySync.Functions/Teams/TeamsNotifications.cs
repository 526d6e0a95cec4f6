using Microsoft.Extensions.Logging;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Functions.Teams;

/// <summary>
/// A card to post: identifiers only (the card is built when it is posted, from the request as it then is). The
/// nightly summary, which concerns no single request, names the entity and the night instead: its card is built from
/// that night's stored report (storage's TeamsSummaryQueue sends it, for the timer and the command line alike).
/// </summary>
/// <param name="Round">Which occurrence of the card for the system this is (an identity conflict found again after an
/// officer's decision is round 1, 2, …); 0 for a card that happens once.</param>
/// <param name="Night">The nightly summary's night (yyyy-MM-dd).</param>
public sealed record NotificationMessage(
    string Card, string? RequestId, string? SystemId = null, int Attempt = 1, string? EntityId = null, string? Night = null, int Round = 0)
{
    /// <summary>Which notification this is, so a redelivered message does not post the same card twice.</summary>
    public string Key => (SystemId, Round) switch
    {
        _ when RequestId is null => $"{Card}:{Night}:{EntityId}",
        (null, _) => Card,
        (_, 0) => $"{Card}:{SystemId}",
        _ => $"{Card}:{SystemId}:{Round.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
    };
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

    /// <summary>
    /// A system's task stopped as identity-conflict: its identifiers do not lead to exactly one person there. The card names
    /// the records by their system references only; <paramref name="round"/> is the number of identity decisions taken before.
    /// </summary>
    public Task IdentityConflictAsync(string requestId, string systemId, int round = 0) =>
        EnqueueAsync(new NotificationMessage(CardNames.IdentityConflict, requestId, systemId, Round: round));

    /// <summary>The request is due within 7 days (or is overdue, once it is past its due date): posted once per request and kind.</summary>
    public Task DeadlineAsync(string requestId, bool overdue) =>
        EnqueueAsync(new NotificationMessage(overdue ? CardNames.DeadlineOverdue : CardNames.DeadlineAtRisk, requestId));

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
