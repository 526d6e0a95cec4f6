using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;
using PrivacySync.Core.Audit;

namespace PrivacySync.Tests.Core.Audit;

public sealed class AuditChainTests
{
    private const string RequestId = "dsr-20260310090000-0123456789abcdef";
    private static readonly DateTimeOffset T0 = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    private static List<AuditEvent> Trail(int count = 5)
    {
        var actions = new[] { AuditActions.Submitted, AuditActions.Approved, AuditActions.Dispatched, AuditActions.TaskSucceeded, AuditActions.Completed };
        var events = new List<AuditEvent>();
        for (var i = 0; i < count; i++)
        {
            var entry = new AuditEntry(
                RequestId,
                i < 2 ? "anna.berg" : AuditActors.System,
                actions[i % actions.Length],
                i == 3 ? "crm" : null,
                i == 3 ? "succeeded" : null,
                i == 3 ? new Dictionary<string, string> { ["records"] = "12", ["categories"] = "3" } : null);
            events.Add(AuditChain.Append(events.LastOrDefault(), entry, T0.AddMinutes(i)));
        }

        return events;
    }

    [Fact]
    public void FirstEventIsSequenceOneLinkedToTheZeroHash()
    {
        var first = Trail(1)[0];

        Assert.Equal(1, first.Sequence);
        Assert.Equal(new string('0', 64), first.PreviousHash);
        Assert.Matches("^[0-9a-f]{64}$", first.Hash);
    }

    [Fact]
    public void EachEventLinksToThePreviousHash()
    {
        var trail = Trail();

        for (var i = 1; i < trail.Count; i++)
        {
            Assert.Equal(i + 1, trail[i].Sequence);
            Assert.Equal(trail[i - 1].Hash, trail[i].PreviousHash);
        }
    }

    [Fact]
    public void HashIsSha256OverTheDocumentedCanonicalForm()
    {
        var e = AuditChain.Append(
            null,
            new AuditEntry(RequestId, "anna.berg", "approved", "crm", "ok", new Dictionary<string, string> { ["z"] = "1", ["a"] = "x\"y" }),
            new DateTimeOffset(2026, 3, 10, 10, 0, 0, 123, TimeSpan.FromHours(1)).AddTicks(4567));

        // Fixed order, UTC milliseconds, details sorted by key, JSON escaping.
        var canonical = "[\"privacysync-audit-v1\",\"" + RequestId + "\",1,\"2026-03-10T09:00:00.123Z\",\"anna.berg\",\"approved\",\"crm\",\"ok\","
            + "{\"a\":\"x\\\"y\",\"z\":\"1\"},\"" + new string('0', 64) + "\"]";
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))), e.Hash);
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 9, 0, 0, 123, TimeSpan.Zero), e.At);
    }

    [Fact]
    public void SameInstantInAnotherOffsetGivesTheSameHash()
    {
        var entry = new AuditEntry(RequestId, "anna.berg", "submitted");

        var utc = AuditChain.Append(null, entry, T0);
        var oslo = AuditChain.Append(null, entry, T0.ToOffset(TimeSpan.FromHours(1)));

        Assert.Equal(utc.Hash, oslo.Hash);
    }

    [Fact]
    public void IntactTrailVerifies()
    {
        Assert.Equal(AuditVerification.Valid, AuditChain.Verify(Trail()));
        Assert.Equal(AuditVerification.Valid, AuditChain.Verify([]));
    }

    [Fact]
    public void TrailStillVerifiesAfterAJsonRoundTrip()
    {
        var trail = JsonConvert.DeserializeObject<List<AuditEvent>>(JsonConvert.SerializeObject(Trail()))!;

        Assert.True(AuditChain.Verify(trail).IsValid);
    }

    [Fact]
    public void EditedDetailsAreDetectedAtThatEvent()
    {
        var trail = Trail();
        trail[3] = trail[3] with { Details = new Dictionary<string, string> { ["records"] = "0", ["categories"] = "3" } };

        var result = AuditChain.Verify(trail);

        Assert.False(result.IsValid);
        Assert.Equal(4, result.BrokenAtSequence);
        Assert.Contains("altered", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void EditedActorIsDetected()
    {
        var trail = Trail();
        trail[1] = trail[1] with { Actor = "lars.haugen" };

        Assert.Equal(2, AuditChain.Verify(trail).BrokenAtSequence);
    }

    [Fact]
    public void EditWithARecomputedHashBreaksTheNextLink()
    {
        var trail = Trail();
        var forged = trail[1] with { Actor = "lars.haugen" };
        trail[1] = forged with { Hash = AuditChain.ComputeHash(forged) };

        var result = AuditChain.Verify(trail);

        Assert.Equal(3, result.BrokenAtSequence);
        Assert.Contains("previous-hash", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void DeletedEventIsDetected()
    {
        var trail = Trail();
        trail.RemoveAt(2);

        var result = AuditChain.Verify(trail);

        Assert.Equal(3, result.BrokenAtSequence);
        Assert.Contains("removed", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ReorderedEventsAreDetected()
    {
        var trail = Trail();
        (trail[1], trail[2]) = (trail[2], trail[1]);

        Assert.Equal(2, AuditChain.Verify(trail).BrokenAtSequence);
    }

    [Fact]
    public void InsertedEventIsDetected()
    {
        var trail = Trail();
        var inserted = AuditChain.Append(trail[1], new AuditEntry(RequestId, "lars.haugen", AuditActions.Approved), T0.AddSeconds(90));
        trail.Insert(2, inserted);

        Assert.Equal(4, AuditChain.Verify(trail).BrokenAtSequence);
    }

    [Fact]
    public void FullyRewrittenOrTruncatedTrailIsCaughtByTheKnownHeadHash()
    {
        var original = Trail();
        var head = original[^1].Hash;
        var truncated = original.Take(3).ToList();

        Assert.True(AuditChain.Verify(truncated).IsValid); // a chain alone cannot see a cut tail
        var result = AuditChain.Verify(truncated, expectedHeadHash: head);
        Assert.False(result.IsValid);
        Assert.Equal(4, result.BrokenAtSequence);
        Assert.True(AuditChain.Verify(original, head).IsValid);
    }

    [Fact]
    public void EventOfAnotherRequestInTheTrailIsDetected()
    {
        var trail = Trail(2);
        var other = AuditChain.Append(trail[0] with { RequestId = "dsr-20260310090000-zzzzzzzzzzzzzzzz" }, new AuditEntry("dsr-20260310090000-zzzzzzzzzzzzzzzz", "anna.berg", "approved"), T0);
        trail[1] = other;

        Assert.Equal(2, AuditChain.Verify(trail).BrokenAtSequence);
    }

    [Fact]
    public void EmailAddressInDetailsIsRefusedWithoutEchoingIt()
    {
        var entry = new AuditEntry(RequestId, "anna.berg", AuditActions.Verified, Details: new Dictionary<string, string> { ["contact"] = "Jane <jane.doe@example.com>" });

        var error = Assert.Throws<ArgumentException>(() => AuditChain.Append(null, entry, T0));

        Assert.Contains("Details['contact']", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("jane.doe", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("jane.doe@example.com", null)]
    [InlineData("anna.berg", "jane.doe@example.com")]
    public void EmailAddressAsActorOrOutcomeIsRefused(string actor, string? outcome) =>
        Assert.Throws<ArgumentException>(() => AuditChain.Append(null, new AuditEntry(RequestId, actor, "submitted", Outcome: outcome), T0));

    [Fact]
    public void EntryForAnotherRequestCannotExtendTheChain()
    {
        var first = Trail(1)[0];

        Assert.Throws<ArgumentException>(() => AuditChain.Append(first, new AuditEntry("dsr-20260310090000-zzzzzzzzzzzzzzzz", "anna.berg", "approved"), T0));
    }

    [Fact]
    public void RowKeysSortInSequenceOrder()
    {
        Assert.True(string.CompareOrdinal(AuditKeys.RowKey(9), AuditKeys.RowKey(10)) < 0);
        Assert.Equal(10, AuditKeys.SequenceOf(AuditKeys.RowKey(10)));
    }
}
