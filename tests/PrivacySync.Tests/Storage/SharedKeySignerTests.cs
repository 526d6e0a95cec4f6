using PrivacySync.Storage.Http;

namespace PrivacySync.Tests.Storage;

/// <summary>
/// Known vectors. Each expected string-to-sign was written by hand from the "Authorize with Shared Key" layout,
/// and each signature was computed outside .NET from that string and Azurite's published development key:
///   KEYHEX=$(echo "$KEY" | base64 -d | xxd -p -c 256)
///   printf '%b' "$STRING_TO_SIGN" | openssl dgst -sha256 -mac HMAC -macopt hexkey:$KEYHEX -binary | base64
/// </summary>
public sealed class SharedKeySignerTests
{
    internal const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    internal const string Date = "Sun, 22 Nov 2026 10:00:00 GMT";

    [Fact]
    public void QueueRequestStringToSignMatchesDocumentedLayout()
    {
        var uri = new Uri("http://127.0.0.1:10001/devstoreaccount1/dsr-tasks/messages/7d2f-msg?popreceipt=AgAAAAMAAAAAAAAA%2BvHq%2Fw%3D%3D&visibilitytimeout=30");
        (string, string)[] headers =
        [
            ("x-ms-version", "2021-12-02"),
            ("Content-Type", "application/xml; charset=utf-8"),
            ("x-ms-date", Date),
            ("x-ms-client-request-id", "req-0001"),
            ("User-Agent", "not signed"),
        ];

        var stringToSign = SharedKeySigner.BlobQueueStringToSign("PUT", uri, headers, 123, "devstoreaccount1");

        Assert.Equal(
            "PUT\n\n\n123\n\napplication/xml; charset=utf-8\n\n\n\n\n\n\n" +
            "x-ms-client-request-id:req-0001\nx-ms-date:" + Date + "\nx-ms-version:2021-12-02\n" +
            "/devstoreaccount1/devstoreaccount1/dsr-tasks/messages/7d2f-msg\npopreceipt:AgAAAAMAAAAAAAAA+vHq/w==\nvisibilitytimeout:30",
            stringToSign);
        Assert.Equal("D8lOQvBlbgM6dpqhMPMfnXLC5qhspaLt8X/5IKfdvQk=", SharedKeySigner.Sign(Convert.FromBase64String(DevKey), stringToSign));
    }

    [Fact]
    public void BlobListStringToSignSortsDecodesAndJoinsQueryAndHeaders()
    {
        // Zero length is signed as empty; query names are lower-cased and sorted, values decoded,
        // a repeated name's values sorted and comma-joined; x-ms- header names lower-cased, values trimmed.
        var uri = new Uri("http://127.0.0.1:10000/devstoreaccount1/exports?restype=container&comp=list&prefix=requests%2Fr%201%2F&maxresults=2&Include=snapshots&include=metadata");
        (string, string)[] headers =
        [
            ("X-MS-Meta-Zeta", "  spaced value "),
            ("x-ms-version", "2021-12-02"),
            ("If-Match", "\"0x8DE1\""),
            ("x-ms-date", Date),
        ];

        var stringToSign = SharedKeySigner.BlobQueueStringToSign("GET", uri, headers, 0, "devstoreaccount1");

        Assert.Equal(
            "GET\n\n\n\n\n\n\n\n\"0x8DE1\"\n\n\n\n" +
            "x-ms-date:" + Date + "\nx-ms-meta-zeta:spaced value\nx-ms-version:2021-12-02\n" +
            "/devstoreaccount1/devstoreaccount1/exports\ncomp:list\ninclude:metadata,snapshots\nmaxresults:2\nprefix:requests/r 1/\nrestype:container",
            stringToSign);
        Assert.Equal("RPc8zoVQCSzjnGDWx1/cU8hosCEhJxbHEqUM5EIRV1I=", SharedKeySigner.Sign(Convert.FromBase64String(DevKey), stringToSign));
    }

    [Fact]
    public void TableStringToSignUsesXmsDateAndOnlyTheCompParameter()
    {
        var insert = SharedKeySigner.TableStringToSign(
            "POST",
            new Uri("http://127.0.0.1:10002/devstoreaccount1/dsrrequests"),
            [("Content-Type", "application/json;odata=nometadata"), ("x-ms-date", Date), ("x-ms-version", "2019-02-02")],
            "devstoreaccount1");
        var acl = SharedKeySigner.TableStringToSign(
            "GET",
            new Uri("https://myaccount.table.core.windows.net/mytable?$filter=PartitionKey%20eq%20%27a%27&comp=acl"),
            [("x-ms-date", Date), ("Date", "Mon, 01 Jan 2001 00:00:00 GMT")],
            "myaccount");

        Assert.Equal("POST\n\napplication/json;odata=nometadata\n" + Date + "\n/devstoreaccount1/devstoreaccount1/dsrrequests", insert);
        Assert.Equal("/KNIY0f+i/yFG+sXWSx45a9Te8V3E1SkExyi/swzVjw=", SharedKeySigner.Sign(Convert.FromBase64String(DevKey), insert));
        Assert.Equal("GET\n\n\n" + Date + "\n/myaccount/mytable?comp=acl", acl);
        Assert.Equal("X7OXvbn4rcAa+TXZBCKVOIZwwoGK/7Z44brZGOeXtdM=", SharedKeySigner.Sign(Convert.FromBase64String(DevKey), acl));
    }
}
