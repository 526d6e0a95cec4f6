using System.Runtime.CompilerServices;

namespace PrivacySync.Connectors.Microsoft365;

/// <summary>Follows @odata.nextLink page by page, holding one page at a time.</summary>
internal static class GraphPaging
{
    public static async IAsyncEnumerable<T> All<TPage, T>(
        Func<CancellationToken, Task<TPage?>> first,
        Func<string, CancellationToken, Task<TPage?>> next,
        Func<TPage, List<T>?> items,
        Func<TPage, string?> nextLink,
        string action,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TPage : class
    {
        var page = await GraphFailures.Call(() => first(cancellationToken), action).ConfigureAwait(false);
        while (page is not null)
        {
            foreach (var item in items(page) ?? [])
            {
                yield return item;
            }

            var link = nextLink(page);
            if (string.IsNullOrEmpty(link))
            {
                yield break;
            }

            page = await GraphFailures.Call(() => next(link, cancellationToken), action).ConfigureAwait(false);
        }
    }
}
