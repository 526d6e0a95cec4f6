using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PrivacySync.Sandbox.HrRest;
using PrivacySync.Tests.Connectors.HubSpot;
using PrivacySync.Tests.Wiring;

namespace PrivacySync.Tests.Bench;

/// <summary>A seeded data subject of a benchmark or chaos run.</summary>
internal sealed record BenchSubject(string Email, string Name, string? ContactId);

/// <summary>
/// Seeds many subjects at once, each through the systems' own creation APIs (HubSpot batch create, Graph user
/// creation) or the HR REST simulator's seeding: a contact with a deal and two engagements, a user with a few
/// messages, an HR record with a retained and an erased category.
/// </summary>
internal static class BenchSubjects
{
    public static async Task<IReadOnlyList<BenchSubject>> SeedAsync(RealSystems systems, int count, string prefix, int messagesEach = 3)
    {
        var people = Enumerable.Range(0, count)
            .Select(i => (Email: $"{prefix}{i:D4}.{Guid.NewGuid():N}@example.com", Name: $"Bench Person{i:D4}"))
            .ToList();
        var contactIds = new List<string>();
        if (systems.Includes("crm"))
        {
            contactIds.AddRange(await systems.HubSpot.CreateManyAsync("contacts", people.Select(p => HubSpotSandbox.Input(
                new { email = p.Email, firstname = "Bench", lastname = p.Name.Split(' ')[1] }))));
            await systems.HubSpot.CreateManyAsync("deals", contactIds.Select(id => HubSpotSandbox.Input(
                new { dealname = "Framework agreement", dealstage = "closedwon", amount = "1000" }, (3, id))));
            await systems.HubSpot.CreateManyAsync("emails", contactIds.Select(id => HubSpotSandbox.Input(
                new { hs_timestamp = "2026-02-02T09:00:00Z", hs_email_subject = "Offer", hs_email_text = "Our offer", hs_email_direction = "EMAIL" }, (198, id))));
            await systems.HubSpot.CreateManyAsync("calls", contactIds.Select(id => HubSpotSandbox.Input(
                new { hs_timestamp = "2026-02-03T09:00:00Z", hs_call_title = "Follow-up", hs_call_body = "Discussed scope" }, (194, id))));
        }

        foreach (var person in people)
        {
            if (systems.Includes("m365"))
            {
                await systems.Graph.CreateUserAsync(person.Email, enabled: false, name: person.Name);
                for (var m = 0; m < messagesEach; m++)
                {
                    systems.Graph.AddMessage(person.Email, "customer@example.com", [person.Email], DateTimeOffset.UtcNow.AddDays(-30 - m), $"Project status {m}");
                }
            }

            if (systems.Includes("hr-api"))
            {
                systems.HrRest.Services.GetRequiredService<HrRestStore>().Seed(RealSystems.HrRestSubject(person.Email));
            }
        }

        return people.Select((p, i) => new BenchSubject(p.Email, p.Name, contactIds.Count > i ? contactIds[i] : null)).ToList();
    }
}
