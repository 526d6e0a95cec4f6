using System.Runtime.CompilerServices;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Tests.Connectors.Microsoft365;

public sealed class Microsoft365ExportMemoryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// The export is a stream: once the consumer has moved on, an early record must be collectable. A connector that
    /// collected the messages in a list would keep it reachable until the end, and this test would fail.
    /// </summary>
    [Fact]
    public async Task StreamsTenThousandMessagesWithoutHoldingEarlierRecords()
    {
        await using var sandbox = await GraphSandbox.StartAsync();
        var user = await sandbox.CreateUserAsync("busy@contoso.example");
        var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 10_000; i++)
        {
            sandbox.AddMessage(user.Id!, $"c{i % 100}@customer.example", ["busy@contoso.example"], start.AddMinutes(i), $"Order {i}", body: new string('x', 200));
        }

        var connector = sandbox.Connector(sandbox.Options(o => o.PageSize = 500));
        WeakReference? early = null;
        bool? collectedWhileStreaming = null;
        var mail = 0;

        await foreach (var record in connector.ExportAsync(new SubjectIdentity("busy@contoso.example"), Ct))
        {
            if (record.Category != "mail")
            {
                continue;
            }

            mail++;
            if (mail == 1)
            {
                early = Track(record);
            }
            else if (mail == 5_000)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                collectedWhileStreaming = !early!.IsAlive;
            }
        }

        Assert.Equal(10_000, mail);
        Assert.True(collectedWhileStreaming, "the first record was still reachable half-way through the export");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference Track(ExportRecord record) => new(record.Fields);
}
