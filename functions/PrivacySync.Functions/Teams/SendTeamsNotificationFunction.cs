using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Notifications;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Reconciliation.Reporting;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Functions.Teams;

/// <summary>
/// [dsr-notify] → builds the card from the request as it is now, posts it to the entity's Workflows webhook (the URL
/// is a secret, read from the app setting the entity's Teams.WebhookReference names) and audits the post or its
/// failure under the request id. A failed post is retried with back-off (the webhook's Retry-After honoured) by a
/// delayed message, up to PrivacySync:Teams:AttemptBudget posts; a card already posted is not posted again. The
/// nightly summary, on no request's trail, is built from the night's stored report and posted once per night and
/// entity under a post mark (<see cref="IPostMarks"/>: claimed before the post, marked posted after; at least once
/// across a crash in between).
/// </summary>
public sealed class SendTeamsNotificationFunction(
    IRequestStore requests,
    ITaskStore tasks,
    ISubjectStore subjects,
    IAuditLog audit,
    IPostMarks marks,
    ReportPublisher reports,
    PrivacySyncOptions configuration,
    NotificationCardBuilder builder,
    NightlyTeamsCards nightly,
    TeamsWebhookClient webhook,
    TeamsSettings settings,
    WorkQueues queues,
    IConfiguration appSettings,
    TimeProvider time,
    ILogger<SendTeamsNotificationFunction> logger)
{
    /// <summary>
    /// How long a nightly summary's claim holds off other deliveries: longer than a post takes (the webhook's turn and
    /// its 30 s timeout), so a claim runs out only when its poster is gone.
    /// </summary>
    public static readonly TimeSpan PostClaimLease = TimeSpan.FromMinutes(5);

    [Function(FunctionNames.SendTeamsNotification)]
    public async Task RunAsync([QueueTrigger(QueueNames.Notify)] NotificationMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (entity, card) = await CardAsync(message, ct);
        if (entity is null || card is null)
        {
            return;
        }

        var subjectOf = message.RequestId ?? message.EntityId ?? "-";
        var reference = entity.Teams!.WebhookReference!;
        var url = appSettings[reference];
        if (string.IsNullOrWhiteSpace(url))
        {
            // A missing setting will not appear by retrying: say so once, on the trail.
            await AuditAsync(message, AuditActions.TeamsPostFailed, $"app setting '{reference}' is not set", 0, ct);
            TeamsLog.GivenUp(logger, message.Card, subjectOf, message.Attempt, $"app setting '{reference}' is not set");
            return;
        }

        // A notification on no request's trail is claimed first, so it is posted once however often it is sent.
        string? claim = null;
        if (message.RequestId is null)
        {
            var claimed = await marks.ClaimAsync(message.Key, time.GetUtcNow() + PostClaimLease, ct);
            switch (claimed.State)
            {
                case PostClaimState.Posted:
                    TeamsLog.Skipped(logger, message.Card, subjectOf, "already posted");
                    return;
                case PostClaimState.HeldElsewhere:
                    await LookAgainAsync(message, subjectOf, claimed.HeldUntil!.Value, ct);
                    return;
                default:
                    claim = claimed.ETag!;
                    break;
            }
        }

        var result = await webhook.PostAsync(reference, url, TeamsMessage.Wrap(message.Card, card), ct);
        if (result.Delivered)
        {
            // A crash right here posts the summary again once its claim runs out: at least once, on purpose.
            if (claim is not null && !await marks.MarkPostedAsync(message.Key, claim, ct))
            {
                TeamsLog.ClaimLost(logger, message.Card, subjectOf);
            }

            await AuditAsync(message, AuditActions.TeamsPosted, null, result.Status, ct);
            TeamsLog.Posted(logger, message.Card, subjectOf, message.Attempt, result.Status);
            return;
        }

        if (claim is not null)
        {
            await marks.ReleaseAsync(message.Key, claim, ct);
        }

        await AuditAsync(message, AuditActions.TeamsPostFailed, result.Reason, result.Status, ct);
        if (!result.Transient || message.Attempt >= settings.AttemptBudget)
        {
            TeamsLog.GivenUp(logger, message.Card, subjectOf, message.Attempt, result.Reason ?? "failed");
            return;
        }

        var delay = result.RetryAfter is { } after && after > TimeSpan.Zero ? after : settings.Backoff(message.Attempt);
        await queues.NotifyAsync(message with { Attempt = message.Attempt + 1 }, delay, ct);
        TeamsLog.PostFailed(logger, message.Card, subjectOf, message.Attempt, result.Reason ?? "failed", delay);
    }

    /// <summary>
    /// Another delivery holds the claim (a redelivery beside the original, or a second run's message): look again when
    /// its claim ends — by then it is posted, or its poster is gone and this one takes over.
    /// </summary>
    private async Task LookAgainAsync(NotificationMessage message, string subjectOf, DateTimeOffset heldUntil, CancellationToken ct)
    {
        if (message.Attempt >= settings.AttemptBudget)
        {
            TeamsLog.GivenUp(logger, message.Card, subjectOf, message.Attempt, "another delivery holds its claim");
            return;
        }

        var delay = heldUntil - time.GetUtcNow() + TimeSpan.FromSeconds(1);
        delay = delay < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : delay;
        await queues.NotifyAsync(message with { Attempt = message.Attempt + 1 }, delay, ct);
        TeamsLog.ClaimHeld(logger, message.Card, subjectOf, delay);
    }

    private async Task<(LegalEntityOptions? Entity, JObject? Card)> CardAsync(NotificationMessage message, CancellationToken ct)
    {
        if (message.Card == CardNames.NightlySummary)
        {
            return await SummaryCardAsync(message, ct);
        }

        var stored = message.RequestId is null ? null : await requests.GetAsync(message.RequestId, ct);
        if (stored is null)
        {
            return Skip(message, "unknown request");
        }

        var request = stored.Value;
        var entity = configuration.FindEntity(request.LegalEntityId);
        if (entity?.Teams is null)
        {
            return Skip(message, "no Teams channel for the entity");
        }

        var trail = await audit.ReadAsync(request.RequestId, ct);
        if (trail.Any(e => e.Action == AuditActions.TeamsPosted && e.Details is { } d && d.TryGetValue("notification", out var key) && key == message.Key))
        {
            return Skip(message, "already posted");
        }

        // The subject's name is read only when the entity lets its cards show initials or the name.
        var subject = entity.Teams.SubjectOnCards == SubjectOnCards.None ? null : await subjects.GetAsync(request.RequestId, ct);
        var planned = (await tasks.ListAsync(request.RequestId, ct)).Select(t => t.Value).ToList();
        var data = builder.Build(message.Card, request, entity, subject, planned, message.SystemId);
        return data is null ? Skip(message, "nothing to say") : (entity, CardTemplates.Shipped.Render(data));
    }

    /// <summary>The entity's part of the night's stored report, as the entity's summary card.</summary>
    private async Task<(LegalEntityOptions? Entity, JObject? Card)> SummaryCardAsync(NotificationMessage message, CancellationToken ct)
    {
        var entity = configuration.FindEntity(message.EntityId ?? "");
        if (entity?.Teams is null)
        {
            return Skip(message, "no Teams channel for the entity");
        }

        if (!DateOnly.TryParseExact(message.Night, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var night))
        {
            return Skip(message, "no night named");
        }

        var summary = await reports.ReadSummaryAsync(night, ct);
        return summary is null
            ? Skip(message, "the night has no report")
            : (entity, CardTemplates.Shipped.Render(nightly.Summary(summary, entity)));
    }

    private (LegalEntityOptions?, JObject?) Skip(NotificationMessage message, string why)
    {
        TeamsLog.Skipped(logger, message.Card, message.RequestId ?? message.EntityId ?? "-", why);
        return (null, null);
    }

    private async Task AuditAsync(NotificationMessage message, string action, string? reason, int status, CancellationToken ct)
    {
        if (message.RequestId is null)
        {
            return; // the nightly summary belongs to no request's trail; its post is logged
        }

        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["notification"] = message.Key,
            ["card"] = message.Card,
            ["attempt"] = message.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (reason is not null)
        {
            details["reason"] = reason;
        }

        await audit.AppendAsync(new AuditEntry(message.RequestId, AuditActors.System, action, message.SystemId, action == AuditActions.TeamsPosted ? "posted" : "failed", details), ct);
    }
}
