using System.Diagnostics;
using System.Globalization;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Requests;
using PrivacySync.Sandbox.HrDatabase;
using PrivacySync.Tests.Connectors.HubSpot;
using PrivacySync.Tests.Infrastructure;
using PrivacySync.Tests.Wiring;

namespace PrivacySync.Tests.Bench;

/// <summary>
/// large_subject_peak_rss_mb and large_subject_export_ratio: one subject with 100,000 HR rows (25,000 payslips of three
/// lines each), 10,000 messages in their mailbox and 5,000 HubSpot engagements. The peak resident set of the app's
/// workers (VmHWM in /proc: the larger of the cloud and the on-premises worker) while the access request runs, and the
/// request's time (submit → completed) ÷ the time the same connectors take only to read the same records, all
/// systems at once, in the test process.
/// </summary>
[Collection(BenchCollection.Name)]
[Trait("Category", "Bench")]
public sealed class LargeSubjectBench
{
    private const int Payslips = 25_000;
    private const int LinesPerPayslip = 3;
    private const int Messages = 10_000;
    private const int Engagements = 5_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MeasuresMemoryAndExportTimeForOneLargeSubject()
    {
        BenchFigures.SkipUnlessBenchmarking();
        await using var systems = await RealSystems.StartAsync(
            new Dictionary<string, string?> { ["PrivacySync:TaskTimeout"] = "00:10:00", ["PrivacySync:TaskLease"] = "00:11:00" },
            new RealSystemsSetup
            {
                Systems = ["crm", "m365", "hr-db"],
                HubSpot = o => (o.RequestsPerTenSeconds, o.SearchRequestsPerSecond) = (10_000, 100),
            });
        var email = $"large.{Guid.NewGuid():N}@example.com";
        var contactId = await systems.HubSpot.CreateAsync("contacts", new { email, firstname = "Large", lastname = "Subject" });
        await systems.HubSpot.CreateManyAsync("emails", Enumerable.Range(0, Engagements).Select(i => HubSpotSandbox.Input(
            new { hs_timestamp = "2026-02-02T09:00:00Z", hs_email_subject = $"Offer {i}", hs_email_text = "Our offer, in some detail", hs_email_direction = "EMAIL" },
            (198, contactId))));
        await systems.Graph.CreateUserAsync(email, enabled: false, name: "Large Subject");
        for (var i = 0; i < Messages; i++)
        {
            systems.Graph.AddMessage(email, "customer@example.com", [email], DateTimeOffset.UtcNow.AddMinutes(-i), $"Project status {i}", body: "A status update of a few lines.");
        }

        var start = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-30);
        var employee = await systems.HrDatabase.SeedEmployeeAsync(new HrSampleEmployee
        {
            Email = email,
            EmploymentStart = start,
            EmploymentEnd = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-1),
            PayDates = Enumerable.Range(0, Payslips).Select(i => start.AddDays(i / 3)).ToList(),
            LinesPerPayslip = LinesPerPayslip,
        });

        var readOnly = await ReadOnlySecondsAsync(systems, new SubjectIdentity(email, "Large Subject"));

        var submitted = DateTimeOffset.UtcNow;
        var (id, _) = await systems.SubmitAsync("access", email, $"{employee.FirstName} {employee.LastName}");
        var request = (await BenchRun.WaitForTerminalAsync(systems, [id], TimeSpan.FromMinutes(15)))[id];
        Assert.Equal(RequestStatus.Completed, request.Status);
        var export = (request.CompletedAt!.Value - submitted).TotalSeconds;
        var peaks = new[] { systems.CloudHosts[0], systems.OnPremHost! }.Select(PeakRssMegabytes).ToList();

        BenchFigures.Write("large_subject", new JObject
        {
            ["large_subject_peak_rss_mb"] = BenchFigures.Round(peaks.Max(), 0),
            ["large_subject_export_ratio"] = BenchFigures.Round(export / readOnly, 2),
        }, new JObject
        {
            ["large_subject"] = $"{Payslips * (1 + LinesPerPayslip)} HR rows, {Messages} messages, {Engagements} HubSpot engagements; " +
                $"export {BenchFigures.Round(export)} s, read only {BenchFigures.Round(readOnly)} s; peak RSS cloud worker " +
                $"{BenchFigures.Round(peaks[0], 0)} MB, on-premises worker {BenchFigures.Round(peaks[1], 0)} MB",
        });
    }

    /// <summary>The three connectors reading every record of the subject at once, discarding them.</summary>
    private static async Task<double> ReadOnlySecondsAsync(RealSystems systems, SubjectIdentity subject)
    {
        var hubSpot = systems.HubSpot.Connector(o => (o.RequestsPerTenSeconds, o.SearchRequestsPerSecond) = (10_000, 100));
        var graph = systems.Graph.Connector(systems.Graph.Options());
        var hr = await systems.HrDatabase.ConnectorAsync(TimeProvider.System);
        var clock = Stopwatch.StartNew();
        var counts = await Task.WhenAll(new IConnector[] { hubSpot, graph, hr }.Select(c => Task.Run(async () =>
        {
            var records = 0;
            await foreach (var _ in c.ExportAsync(subject, Ct))
            {
                records++;
            }

            return records;
        }, Ct)));
        var seconds = clock.Elapsed.TotalSeconds;
        Assert.All(counts, n => Assert.True(n > 0, $"a connector read nothing: [{string.Join(", ", counts)}]"));
        return seconds;
    }

    /// <summary>The worker's peak resident set so far (VmHWM), in MB.</summary>
    private static double PeakRssMegabytes(AppHost host)
    {
        var pid = host.WorkerProcessId() ?? throw new InvalidOperationException("no worker process");
        var line = File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kilobytes = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return kilobytes / 1024.0;
    }
}
