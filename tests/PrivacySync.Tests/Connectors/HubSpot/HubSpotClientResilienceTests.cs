using Microsoft.Extensions.Time.Testing;
using System.Diagnostics;
using Newtonsoft.Json.Linq;
using PrivacySync.Connectors.HubSpot;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Tests.Connectors.HubSpot;

/// <summary>Rate limits, 429 storms, 5xx, timeouts and quota exhaustion, seen through the connector.</summary>
public sealed class HubSpotClientResilienceTests
{
    private static async Task<IReadOnlyList<string>> SeedSubjectsAsync(HubSpotSandbox sandbox, int count)
    {
        var emails = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var email = $"subject{i}@kunde.example";
            var contact = await sandbox.CreateAsync("contacts", new { email });
            await sandbox.CreateAsync("notes", new { hs_timestamp = "2026-01-01T00:00:00Z", hs_note_body = "note" }, (202, contact));
            await sandbox.CreateAsync("deals", new { dealname = $"Deal {i}" }, (3, contact));
            emails.Add(email);
        }

        return emails;
    }

    [Fact]
    public async Task CompletesA429StormOnALowTierWithFewThrottledResponses()
    {
        const int tier = 60;
        await using var sandbox = await HubSpotSandbox.StartAsync(o => o.RequestsPerTenSeconds = tier);
        var subjects = await SeedSubjectsAsync(sandbox, 3);
        var connector = sandbox.Connector(o => o.RequestsPerTenSeconds = tier);

        // Another integration on the same token spends the whole 10-second window first.
        var competitor = Enumerable.Range(0, tier).Select(_ => sandbox.SendAsync(HttpMethod.Get, "crm/v3/properties/contacts", token: HubSpotSandbox.ConnectorToken));
        await Task.WhenAll(competitor);
        var results = await Task.WhenAll(subjects.Select(s => connector.DiscoverAsync(new SubjectIdentity(s), TestContext.Current.CancellationToken)));

        Assert.All(results, r => Assert.True(r.Found));
        Assert.All(results, r => Assert.Equal(1, r.Categories.Single(c => c.Name == HubSpotCategories.Deals).RecordCount));
        var counter = connector.Counter;
        Assert.InRange(counter.Throttled, 1, 6); // the storm was felt, and the client backed off instead of hammering
        Assert.True(counter.ThrottledShare < 0.25, $"429 share {counter.ThrottledShare:P1} of {counter.Calls} calls");
    }

    [Fact]
    public async Task KeepsCallsWithinTheTierWithoutA429WhileUsingMostOfIt()
    {
        const int tier = 40;
        await using var sandbox = await HubSpotSandbox.StartAsync(o => o.RequestsPerTenSeconds = tier);
        var subjects = await SeedSubjectsAsync(sandbox, 3);
        var connector = sandbox.Connector(o => o.RequestsPerTenSeconds = tier);

        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(subjects.Select(s => connector.DiscoverAsync(new SubjectIdentity(s), TestContext.Current.CancellationToken)));
        clock.Stop();

        Assert.All(results, r => Assert.True(r.Found));
        Assert.Equal(0, connector.Counter.Throttled);
        Assert.Equal(0, sandbox.Stats.ThrottledCount("TEN_SECONDLY_ROLLING"));
        var callsPerSecond = connector.Counter.Calls / clock.Elapsed.TotalSeconds;
        Assert.True(callsPerSecond >= 0.6 * tier / 10, $"{callsPerSecond:F2} calls/s against a quota of {tier / 10.0}/s");
    }

    [Fact]
    public async Task HonoursRetryAfterOnTheSearchSecondlyLimit()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        var subjects = await SeedSubjectsAsync(sandbox, 1);
        var connector = sandbox.Connector();

        for (var i = 0; i < 5; i++) await sandbox.SendAsync(HttpMethod.Post, "crm/v3/objects/contacts/search", new JObject(), HubSpotSandbox.ConnectorToken);
        var result = await connector.DiscoverAsync(new SubjectIdentity(subjects[0]), TestContext.Current.CancellationToken);

        Assert.True(result.Found);
        Assert.Equal(1, connector.Counter.Throttled);
        Assert.Equal(1, sandbox.Stats.ThrottledCount("SECONDLY"));
    }

    [Fact]
    public async Task RetriesServerErrorsAndTimeoutsUntilTheyPass()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        var subjects = await SeedSubjectsAsync(sandbox, 1);
        await sandbox.SetFaultsAsync(new { serverErrorRate = 0.3, timeoutRate = 0.15, timeoutMs = 5000, seed = 11 });
        var connector = sandbox.Connector(o => o.AttemptTimeout = TimeSpan.FromMilliseconds(400));

        var result = await connector.DiscoverAsync(new SubjectIdentity(subjects[0]), TestContext.Current.CancellationToken);

        Assert.True(result.Found);
        Assert.True(connector.Counter.ServerErrors >= 1, "no 5xx was injected");
        Assert.True(connector.Counter.TransportFailures >= 1, "no timeout was injected");
        Assert.Equal(connector.Counter.ServerErrors + connector.Counter.TransportFailures, connector.Counter.Retries);
        Assert.True(sandbox.Stats.Timeouts >= 1);
    }

    [Fact]
    public async Task GivesUpOnPersistentServerErrorsWithATransientFailure()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync(o => o.ServerErrorRate = 1);
        var connector = sandbox.Connector(o => o.MaxRetryAttempts = 2);

        var failure = await Assert.ThrowsAsync<TransientConnectorException>(() => connector.DiscoverAsync(new SubjectIdentity("x@kunde.example"), TestContext.Current.CancellationToken));

        Assert.Equal(3, connector.Counter.Calls);
        Assert.DoesNotContain("x@kunde.example", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UTC", 90)]
    [InlineData("Europe/Oslo", 30)]
    public async Task DailyLimitFailsTheAttemptUntilMidnightInTheAccountsTimeZone(string zone, int minutesToMidnight)
    {
        await using var sandbox = await HubSpotSandbox.StartAsync(o => o.DailyBudget = 0);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 22, 30, 0, TimeSpan.Zero));
        var connector = sandbox.Connector(o => o.DailyQuotaTimeZone = zone, time: clock);

        var failure = await Assert.ThrowsAsync<TransientConnectorException>(() => connector.DiscoverAsync(new SubjectIdentity("daily@kunde.example"), TestContext.Current.CancellationToken));

        Assert.Equal(TimeSpan.FromMinutes(minutesToMidnight), failure.RetryAfter);
        Assert.Equal(1, connector.Counter.Calls); // DAILY is not retried in-process; the task is requeued
        Assert.Contains("daily", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("daily@kunde.example", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RejectedTokenFailsPermanentlyWithAReadableReasonWithoutTheAddress()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        var connector = sandbox.Connector(o => o.AccessToken = "revoked-token");

        var failure = await Assert.ThrowsAsync<PermanentConnectorException>(() => connector.DiscoverAsync(new SubjectIdentity("secret.person@kunde.example"), TestContext.Current.CancellationToken));

        Assert.Contains("401", failure.Message, StringComparison.Ordinal);
        Assert.Contains("access token", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret.person", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, connector.Counter.Calls);
    }
}
