using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;
using PrivacySync.Core.Audit;

namespace PrivacySync.Tests.Core.Audit;

public sealed class AuditChainTests
{
    private const string RequestId = "dsr-20260310090000-0123456789abcdef";
    private const string Key = "audit-chain-tests-key-0123456789abcdef";
    private static readonly DateTimeOffset T0 = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly AuditChain Chain = new(AuditKey.FromSetting(Key));

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
            events.Add(Chain.Append(events.LastOrDefault(), entry, T0.AddMinutes(i)));
        }

        return events;
    }

    [Fact]
    public void FirstEventIsSequenceOneLinkedToTheZeroHash()
    {
        var first = Trail(1)[0];

        Assert.Equal(1, first.Sequence);
        Assert.Equal(new string('0', 64), first.PreviousMac);
        Assert.Matches("^[0-9a-f]{64}$", first.Mac);
    }

    [Fact]
    public void EachEventLinksToThePreviousHash()
    {
        var trail = Trail();

        for (var i = 1; i < trail.Count; i++)
        {
            Assert.Equal(i + 1, trail[i].Sequence);
            Assert.Equal(trail[i - 1].Mac, trail[i].PreviousMac);
        }
    }

    [Fact]
    public void MacIsHmacSha256WithTheAuditKeyOverTheDocumentedCanonicalForm()
    {
        var e = Chain.Append(
            null,
            new AuditEntry(RequestId, "anna.berg", "approved", "crm", "ok", new Dictionary<string, string> { ["z"] = "1", ["a"] = "x\"y" }),
            new DateTimeOffset(2026, 3, 10, 10, 0, 0, 123, TimeSpan.FromHours(1)).AddTicks(4567));

        // Fixed order, UTC milliseconds, details sorted by key, JSON escaping.
        var canonical = "[\"privacysync-audit-v2\",\"" + RequestId + "\",1,\"2026-03-10T09:00:00.123Z\",\"anna.berg\",\"approved\",\"crm\",\"ok\","
            + "{\"a\":\"x\\\"y\",\"z\":\"1\"},\"" + new string('0', 64) + "\"]";
        Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), Encoding.UTF8.GetBytes(canonical))), e.Mac);
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 9, 0, 0, 123, TimeSpan.Zero), e.At);
    }

    [Fact]
    public void SameInstantInAnotherOffsetGivesTheSameMac()
    {
        var entry = new AuditEntry(RequestId, "anna.berg", "submitted");

        var utc = Chain.Append(null, entry, T0);
        var oslo = Chain.Append(null, entry, T0.ToOffset(TimeSpan.FromHours(1)));

        Assert.Equal(utc.Mac, oslo.Mac);
    }

    [Fact]
    public void IntactTrailVerifies()
    {
        Assert.Equal(AuditVerification.Valid, Chain.Verify(Trail()));
        Assert.Equal(AuditVerification.Valid, Chain.Verify([]));
    }

    [Fact]
    public void TrailStillVerifiesAfterAJsonRoundTrip()
    {
        var trail = JsonConvert.DeserializeObject<List<AuditEvent>>(JsonConvert.SerializeObject(Trail()))!;

        Assert.True(Chain.Verify(trail).IsValid);
    }

    [Fact]
    public void EditedDetailsAreDetectedAtThatEvent()
    {
        var trail = Trail();
        trail[3] = trail[3] with { Details = new Dictionary<string, string> { ["records"] = "0", ["categories"] = "3" } };

        var result = Chain.Verify(trail);

        Assert.False(result.IsValid);
        Assert.Equal(4, result.BrokenAtSequence);
        Assert.Contains("altered", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void EditedActorIsDetected()
    {
        var trail = Trail();
        trail[1] = trail[1] with { Actor = "lars.haugen" };

        Assert.Equal(2, Chain.Verify(trail).BrokenAtSequence);
    }

    [Fact]
    public void EditWithARecomputedMacBreaksTheNextLink()
    {
        var trail = Trail();
        var forged = trail[1] with { Actor = "lars.haugen" };
        trail[1] = forged with { Mac = Chain.ComputeMac(forged) };

        var result = Chain.Verify(trail);

        Assert.Equal(3, result.BrokenAtSequence);
        Assert.Contains("previous-MAC", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void DeletedEventIsDetected()
    {
        var trail = Trail();
        trail.RemoveAt(2);

        var result = Chain.Verify(trail);

        Assert.Equal(3, result.BrokenAtSequence);
        Assert.Contains("removed", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ReorderedEventsAreDetected()
    {
        var trail = Trail();
        (trail[1], trail[2]) = (trail[2], trail[1]);

        Assert.Equal(2, Chain.Verify(trail).BrokenAtSequence);
    }

    [Fact]
    public void InsertedEventIsDetected()
    {
        var trail = Trail();
        var inserted = Chain.Append(trail[1], new AuditEntry(RequestId, "lars.haugen", AuditActions.Approved), T0.AddSeconds(90));
        trail.Insert(2, inserted);

        Assert.Equal(4, Chain.Verify(trail).BrokenAtSequence);
    }

    [Fact]
    public void TruncatedTrailIsCaughtByTheKnownHead()
    {
        var original = Trail();
        var head = original[^1].Head;
        var truncated = original.Take(3).ToList();

        Assert.True(Chain.Verify(truncated).IsValid); // a chain alone cannot see a cut tail
        var result = Chain.Verify(truncated, anchor: head);
        Assert.False(result.IsValid);
        Assert.Equal(4, result.BrokenAtSequence);
        Assert.True(Chain.Verify(original, head).IsValid);
    }

    [Fact]
    public void EventsAfterTheKnownHeadAreAllowed()
    {
        var trail = Trail();

        Assert.True(Chain.Verify(trail, trail[2].Head).IsValid);
    }

    [Fact]
    public void TrailRewrittenWithTheKeyIsCaughtByTheKnownHead()
    {
        var original = Trail();
        var head = original[^1].Head;
        var rewritten = new List<AuditEvent>();
        foreach (var e in original)
        {
            rewritten.Add(Chain.Append(rewritten.LastOrDefault(), new AuditEntry(e.RequestId, e.Actor == "anna.berg" ? "lars.haugen" : e.Actor, e.Action, e.SystemId, e.Outcome, e.Details), e.At));
        }

        Assert.True(Chain.Verify(rewritten).IsValid);
        var result = Chain.Verify(rewritten, head);
        Assert.Equal(5, result.BrokenAtSequence);
        Assert.Contains("rewritten", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TrailWrittenWithAnotherKeyIsRefused()
    {
        // Before the chain was keyed, anyone who could write the table could recompute every link.
        var other = new AuditChain(AuditKey.FromSetting("another-audit-key-0123456789abcdef-xyz"));
        var forged = new List<AuditEvent>();
        foreach (var e in Trail())
        {
            forged.Add(other.Append(forged.LastOrDefault(), new AuditEntry(e.RequestId, e.Actor, e.Action, e.SystemId, e.Outcome, e.Details), e.At));
        }

        var result = Chain.Verify(forged);

        Assert.Equal(1, result.BrokenAtSequence);
        Assert.Contains("audit key", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("only-31-bytes-long-0123456789ab")]
    public void KeyMissingOrShorterThan32BytesIsRefusedNamingTheSetting(string? key)
    {
        var error = Assert.Throws<InvalidOperationException>(() => AuditKey.FromSetting(key));

        Assert.Contains("PrivacySync:AuditKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EventOfAnotherRequestInTheTrailIsDetected()
    {
        var trail = Trail(2);
        var other = Chain.Append(trail[0] with { RequestId = "dsr-20260310090000-zzzzzzzzzzzzzzzz" }, new AuditEntry("dsr-20260310090000-zzzzzzzzzzzzzzzz", "anna.berg", "approved"), T0);
        trail[1] = other;

        Assert.Equal(2, Chain.Verify(trail).BrokenAtSequence);
    }

    [Fact]
    public void EmailAddressInDetailsIsRefusedWithoutEchoingIt()
    {
        var entry = new AuditEntry(RequestId, "anna.berg", AuditActions.Verified, Details: new Dictionary<string, string> { ["contact"] = "Jane <jane.doe@example.com>" });

        var error = Assert.Throws<ArgumentException>(() => Chain.Append(null, entry, T0));

        Assert.Contains("Details['contact']", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("jane.doe", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("jane.doe@example.com", null)]
    [InlineData("anna.berg", "jane.doe@example.com")]
    public void EmailAddressAsActorOrOutcomeIsRefused(string actor, string? outcome) =>
        Assert.Throws<ArgumentException>(() => Chain.Append(null, new AuditEntry(RequestId, actor, "submitted", Outcome: outcome), T0));

    [Fact]
    public void EntryForAnotherRequestCannotExtendTheChain()
    {
        var first = Trail(1)[0];

        Assert.Throws<ArgumentException>(() => Chain.Append(first, new AuditEntry("dsr-20260310090000-zzzzzzzzzzzzzzzz", "anna.berg", "approved"), T0));
    }

    [Fact]
    public void RowKeysSortInSequenceOrder()
    {
        Assert.True(string.CompareOrdinal(AuditKeys.RowKey(9), AuditKeys.RowKey(10)) < 0);
        Assert.Equal(10, AuditKeys.SequenceOf(AuditKeys.RowKey(10)));
    }
}
