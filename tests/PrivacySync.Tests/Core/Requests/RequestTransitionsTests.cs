using PrivacySync.Core.Requests;

namespace PrivacySync.Tests.Core.Requests;

public sealed class RequestTransitionsTests
{
    [Theory]
    [InlineData(RequestStatus.Completed)]
    [InlineData(RequestStatus.CompletedWithExceptions)]
    [InlineData(RequestStatus.Rejected)]
    public void TerminalStatesHaveNoWayOut(RequestStatus terminal)
    {
        Assert.True(terminal.IsTerminal());
        Assert.Empty(RequestTransitions.From(terminal));
    }

    [Theory]
    [InlineData(RequestStatus.Collecting, RequestStatus.Dispatched)]
    [InlineData(RequestStatus.Collecting, RequestStatus.Rejected)]
    [InlineData(RequestStatus.Dispatched, RequestStatus.AwaitingApproval)]
    [InlineData(RequestStatus.AwaitingApproval, RequestStatus.Completed)]
    [InlineData(RequestStatus.Received, RequestStatus.Collecting)]
    public void StepsBackwardsOrSkippingCollectionAreNotAllowed(RequestStatus from, RequestStatus to) =>
        Assert.False(RequestTransitions.IsAllowed(from, to));

    [Fact]
    public void EveryOpenStateCanReachAnEnd()
    {
        foreach (var status in Enum.GetValues<RequestStatus>().Where(s => !s.IsTerminal()))
        {
            var seen = new HashSet<RequestStatus>();
            var frontier = new Queue<RequestStatus>([status]);
            while (frontier.TryDequeue(out var next))
            {
                if (seen.Add(next))
                {
                    foreach (var to in RequestTransitions.From(next))
                    {
                        frontier.Enqueue(to);
                    }
                }
            }

            Assert.Contains(seen, s => s.IsTerminal());
        }
    }
}
