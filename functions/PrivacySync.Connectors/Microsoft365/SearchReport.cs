namespace PrivacySync.Connectors.Microsoft365;

/// <summary>What a mailbox search could not cover: one-day windows where $search hit its result cap.</summary>
internal sealed class SearchReport
{
    private int cappedWindows;

    public int CappedWindows => cappedWindows;

    public void AddCappedWindow() => Interlocked.Increment(ref cappedWindows);
}
