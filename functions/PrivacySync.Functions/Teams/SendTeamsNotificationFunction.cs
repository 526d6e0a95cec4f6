using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Persistence;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Functions.Teams;

/// <summary>
/// [dsr-notify] → builds the card from the request as it is now, posts it to the entity's Workflows webhook (the URL
/// is a secret, read from the app setting the entity's Teams.WebhookReference names) and audits the post or its
/// failure under the request id. A failed post is retried with back-off (the webhook's Retry-After honoured) by a
/// delayed message, up to PrivacySync:Teams:AttemptBudget posts; a card already posted is not posted again.
/// </summary>
public sealed class SendTeamsNotificationFunction(
    IRequestStore requests,
    ITaskStore tasks,
    ISubjectStore subjects,
    IAuditLog audit,
    PrivacySyncOptions configuration,
    NotificationCardBuilder builder,
    TeamsWebhookClient webhook,
    TeamsSettings settings,
    WorkQueues queues,
    IConfiguration appSettings,
    ILogger<SendTeamsNotificationFunction> logger)
{
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

        var result = await webhook.PostAsync(reference, url, TeamsMessage.Wrap(message.Card, card), ct);
        if (result.Delivered)
        {
            await AuditAsync(message, AuditActions.TeamsPosted, null, result.Status, ct);
            TeamsLog.Posted(logger, message.Card, subjectOf, message.Attempt, result.Status);
            return;
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

    private async Task<(LegalEntityOptions? Entity, JObject? Card)> CardAsync(NotificationMessage message, CancellationToken ct)
    {
        if (message.Card == CardNames.NightlySummary)
        {
            var summaryEntity = configuration.FindEntity(message.EntityId ?? "");
            return summaryEntity?.Teams is null || message.Summary is null
                ? Skip(message, "no Teams channel for the entity")
                : (summaryEntity, CardTemplates.Shipped.Get(CardNames.NightlySummary).Expand(JObject.Parse(message.Summary)));
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
