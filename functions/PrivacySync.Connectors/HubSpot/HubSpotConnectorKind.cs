using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivacySync.Connectors.Common;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.HubSpot;

/// <summary>
/// Kind "hubspot": one account per system (options, rate limiter and call counter shared by every
/// task of the system, so concurrent tasks stay inside one quota), one connector per task over a pooled HttpClient.
/// With <see cref="IQuotaShares"/> registered (the app registers storage's), the quota is shared by every instance.
/// </summary>
public sealed class HubSpotConnectorKind(
    ConnectorSettings settings, IHttpClientFactory http, TimeProvider time, ILoggerFactory loggers, IQuotaShares? quotaShares = null)
    : ConnectorKind<HubSpotConnectorOptions>(KindName, HubSpotConnectorRules.Check), IDisposable
{
    public const string KindName = "hubspot";

    public const string HttpClientName = "privacysync-hubspot";

    private readonly SystemCache<HubSpotAccount> accounts = new();

    public override async ValueTask<IConnector> CreateAsync(SystemOptions system, CancellationToken cancellationToken)
    {
        var account = await AccountAsync(system, cancellationToken).ConfigureAwait(false);
        var client = new HubSpotClient(
            http.CreateClient(HttpClientName), account.Options, account.Limiter, account.Counter, time, loggers.CreateLogger<HubSpotClient>());
        return new HubSpotConnector(client, account.Options, time, loggers.CreateLogger<HubSpotConnector>());
    }

    public void Dispose() => accounts.Dispose();

    /// <summary>The options a system's configuration gives (secrets resolved); throws <see cref="PermanentConnectorException"/> when unusable.</summary>
    public HubSpotOptions OptionsFor(SystemOptions system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var connector = SettingsOf(system);
        var options = new HubSpotOptions
        {
            BaseUrl = new Uri(system.Endpoint!),
            AccessToken = settings.Require(system, system.CredentialReference, "CredentialReference", "the HubSpot private-app access token"),
        };
        options.RequestsPerTenSeconds = connector.RequestsPerTenSeconds ?? options.RequestsPerTenSeconds;
        options.SearchRequestsPerSecond = connector.SearchRequestsPerSecond ?? options.SearchRequestsPerSecond;
        options.DailyQuotaTimeZone = connector.DailyQuotaTimeZone ?? options.DailyQuotaTimeZone;
        options.RestrictionProperty = connector.RestrictionProperty ?? options.RestrictionProperty;
        foreach (var (name, policy) in connector.Categories ?? new Dictionary<string, HubSpotCategoryOptions>())
        {
            if (!options.Categories.ContainsKey(name))
            {
                throw new PermanentConnectorException(
                    $"Systems '{system.Id}': Connector.Categories.{name} is not a HubSpot category; known: {string.Join(", ", options.Categories.Keys)}.");
            }

            options.Categories[name] = new HubSpotCategoryPolicy
            {
                Purpose = policy.Purpose!,
                LegalBasis = policy.LegalBasis!,
                Retention = policy.Retention,
                RetainYears = policy.RetainYears,
                Erasure = policy.Erasure == "archive" ? HubSpotErasure.Archive : HubSpotErasure.Retain,
            };
        }

        FollowConfiguredCategories(system, options);
        return options;
    }

    /// <summary>
    /// The configured categories decide what erasure does to the business records they cover: 'retain' keeps them and
    /// leaves the end date to the configured rule of the request's country (a portal may serve several), 'delete' and
    /// 'anonymise' archive the records that concern only the subject.
    /// </summary>
    private static void FollowConfiguredCategories(SystemOptions system, HubSpotOptions options)
    {
        foreach (var name in HubSpotCategories.BusinessRecords)
        {
            if (system.CategoryCovering(name) is not { } configured || !options.Categories.TryGetValue(name, out var policy))
            {
                continue;
            }

            policy.Erasure = configured.ErasureAction == ErasureAction.Retain ? HubSpotErasure.Retain : HubSpotErasure.Archive;
            policy.RetainYears = null;
        }
    }

    private ValueTask<HubSpotAccount> AccountAsync(SystemOptions system, CancellationToken cancellationToken) =>
        accounts.GetAsync(system.Id!, _ =>
        {
            var options = Options.Create(OptionsFor(system));
            var limiter = new HubSpotRateLimiter(options, time, quotaShares, system.Id!, loggers.CreateLogger<HubSpotRateLimiter>());
            return Task.FromResult(new HubSpotAccount(options, limiter, new HubSpotCallCounter()));
        }, cancellationToken);

    private sealed record HubSpotAccount(IOptions<HubSpotOptions> Options, HubSpotRateLimiter Limiter, HubSpotCallCounter Counter) : IDisposable
    {
        public void Dispose() => Limiter.Dispose();
    }
}
