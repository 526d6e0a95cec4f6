using System.Net;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using PrivacySync.Storage;

namespace PrivacySync.Tests.Storage;

/// <summary>What the Azure.Core pipeline puts on the wire: signatures, dates, retries and bearer tokens.</summary>
public sealed class StoragePipelineTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static readonly StorageConnection Azurite = StorageConnection.Parse(
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={SharedKeySignerTests.DevKey};" +
        "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;" +
        "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task QueueSendCarriesTheKnownSignature()
    {
        var handler = new RecordingHandler((_, _) => SentMessageResponse());
        var account = new StorageAccount(Azurite, RecordingHandler.Options(handler, new SteppingTimeProvider(Now, TimeSpan.Zero)));

        using (HttpPipeline.CreateClientRequestIdScope("vector-1"))
        {
            await account.GetQueue("dsr-tasks").SendAsync("hello", TimeSpan.FromSeconds(30), TimeSpan.FromHours(1), Ct);
        }

        var sent = Assert.Single(handler.Requests);
        Assert.Equal("http://127.0.0.1:10001/devstoreaccount1/dsr-tasks/messages?visibilitytimeout=30&messagettl=3600", sent.Uri.AbsoluteUri);
        Assert.Equal("<QueueMessage><MessageText>aGVsbG8=</MessageText></QueueMessage>", Encoding.UTF8.GetString(sent.Body));
        Assert.Equal(SharedKeySignerTests.Date, sent.Header("x-ms-date"));
        // String-to-sign written by hand (see SharedKeySignerTests for the openssl command):
        // POST\n\n\n64\n\napplication/xml; charset=utf-8\n\n\n\n\n\n\nx-ms-client-request-id:vector-1\n
        // x-ms-date:Sun, 22 Nov 2026 10:00:00 GMT\nx-ms-return-client-request-id:true\nx-ms-version:2021-12-02\n
        // /devstoreaccount1/devstoreaccount1/dsr-tasks/messages\nmessagettl:3600\nvisibilitytimeout:30
        Assert.Equal("SharedKey devstoreaccount1:CJ9uG3K1wGBNXGZe/01cGIZUZB3LymJnm5DpYWYws2o=", sent.Header("Authorization"));
    }

    [Fact]
    public async Task TransientFailureIsRetriedWithAFreshDateAndTheSameBody()
    {
        var handler = new RecordingHandler((_, attempt) => attempt == 1 ? RecordingHandler.Status(503, "ServerBusy") : SentMessageResponse());
        var account = new StorageAccount(Azurite, RecordingHandler.Options(handler, new SteppingTimeProvider(Now, TimeSpan.FromSeconds(1))));

        await account.GetQueue("dsr-tasks").SendAsync("hello", ct: Ct);

        Assert.Equal(2, handler.Requests.Count);
        var (first, second) = (handler.Requests[0], handler.Requests[1]);
        Assert.Equal(first.Body, second.Body);
        Assert.NotEqual(first.Header("x-ms-date"), second.Header("x-ms-date"));
        Assert.NotEqual(first.Header("Authorization"), second.Header("Authorization"));
    }

    [Theory]
    [InlineData(412, "UpdateConditionNotSatisfied", typeof(StorageConditionNotMetException))]
    [InlineData(409, "EntityAlreadyExists", typeof(StorageAlreadyExistsException))]
    [InlineData(404, "ResourceNotFound", typeof(StorageNotFoundException))]
    public async Task ConditionalAndClientFailuresAreNotRetried(int status, string code, Type expected)
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Status(status, code));
        var account = new StorageAccount(Azurite, RecordingHandler.Options(handler, TimeProvider.System));

        var error = await Assert.ThrowsAnyAsync<StorageRequestException>(
            () => account.GetTable("dsrtasks").UpdateAsync(new TableEntity("p", "r") { ["Secret"] = "s3cr3t" }, "W/\"x\"", ct: Ct));

        Assert.IsType(expected, error);
        Assert.Single(handler.Requests);
        Assert.Equal(status, error.Status);
        Assert.Equal(code, error.ErrorCode);
        Assert.DoesNotContain("s3cr3t", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TableErrorCodeIsReadFromTheJsonBodyWhenTheHeaderIsAbsent()
    {
        var handler = new RecordingHandler((_, _) => new HttpResponseMessage(HttpStatusCode.Conflict)
        {
            Content = new StringContent("{\"odata.error\":{\"code\":\"EntityAlreadyExists\",\"message\":{\"lang\":\"en-US\",\"value\":\"exists\"}}}"),
        });
        var account = new StorageAccount(Azurite, RecordingHandler.Options(handler, TimeProvider.System));

        var error = await Assert.ThrowsAsync<StorageAlreadyExistsException>(
            () => account.GetTable("dsrtasks").InsertAsync(new TableEntity("p", "r"), Ct));

        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
    }

    [Fact]
    public async Task FailedBlockIsResentFromItsBufferAndTheUploadCompletes()
    {
        var handler = new RecordingHandler((request, attempt) =>
            request.Uri.Query.Contains("comp=block&", StringComparison.Ordinal) && attempt == 1
                ? RecordingHandler.Status(500, "InternalError")
                : RecordingHandler.Status(201, null, ("ETag", "\"0x1\""), ("Last-Modified", "Sun, 22 Nov 2026 10:00:00 GMT")));
        var account = new StorageAccount(Azurite, RecordingHandler.Options(handler, TimeProvider.System));
        var content = new NonSeekableStream(Encoding.ASCII.GetBytes("0123456789"));

        var result = await account.GetBlobContainer("exports").UploadAsync("x.bin", content, new BlobUploadOptions { BlockSize = 4 }, Ct);

        var blocks = handler.Requests.Where(r => r.Uri.Query.Contains("comp=block&", StringComparison.Ordinal)).ToList();
        Assert.Equal(["0123", "0123", "4567", "4567", "89", "89"], blocks.Select(b => Encoding.ASCII.GetString(b.Body)));
        var commit = handler.Requests[^1];
        Assert.Contains("comp=blocklist", commit.Uri.Query, StringComparison.Ordinal);
        Assert.Equal(3, Encoding.UTF8.GetString(commit.Body).Split("<Latest>").Length - 1);
        Assert.Equal("\"0x1\"", result.ETag);
    }

    [Fact]
    public async Task TokenCredentialRequestsCarryABearerTokenForTheStorageScope()
    {
        var handler = new RecordingHandler((_, _) => SentMessageResponse());
        var credential = new StaticTokenCredential("token-123");
        var connection = StorageConnection.ForTokenCredential(
            new Uri("https://acct.blob.core.windows.net"), new Uri("https://acct.queue.core.windows.net"),
            new Uri("https://acct.table.core.windows.net"), credential);
        var account = new StorageAccount(connection, RecordingHandler.Options(handler, new SteppingTimeProvider(Now, TimeSpan.Zero)));

        await account.GetQueue("dsr-tasks").SendAsync("hello", ct: Ct);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal("acct", connection.AccountName);
        Assert.Equal("Bearer token-123", sent.Header("Authorization"));
        Assert.Equal(SharedKeySignerTests.Date, sent.Header("x-ms-date"));
        Assert.Equal(["https://storage.azure.com/.default"], credential.Scopes);
    }

    private static HttpResponseMessage SentMessageResponse() => new(HttpStatusCode.Created)
    {
        Content = new StringContent(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><QueueMessagesList><QueueMessage><MessageId>m-1</MessageId>" +
            "<InsertionTime>Sun, 22 Nov 2026 10:00:00 GMT</InsertionTime><ExpirationTime>Sun, 29 Nov 2026 10:00:00 GMT</ExpirationTime>" +
            "<PopReceipt>AgAAAA==</PopReceipt><TimeNextVisible>Sun, 22 Nov 2026 10:00:00 GMT</TimeNextVisible></QueueMessage></QueueMessagesList>",
            Encoding.UTF8, "application/xml"),
    };

    private sealed class StaticTokenCredential(string token) : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.AddRange(requestContext.Scopes);
            return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
