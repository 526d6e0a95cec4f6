using Azure.Core;
using Microsoft.Graph;
using Microsoft.Kiota.Authentication.Azure;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace PrivacySync.Connectors.Microsoft365;

/// <summary>
/// The GraphServiceClient with the SDK's default middleware (retry honouring Retry-After, redirects, compression),
/// the configured number of retries, and tokens sent only to the configured Graph host.
/// </summary>
internal static class GraphClientBuilder
{
    public static GraphServiceClient Create(Microsoft365Options options, TokenCredential credential)
    {
        var handlers = GraphClientFactory.CreateDefaultHandlers();
        var retry = handlers.Select((h, i) => h is RetryHandler ? i : -1).FirstOrDefault(i => i >= 0, -1);
        var retryOption = new RetryHandlerOption { MaxRetry = Math.Clamp(options.MaxRetries, 0, 10) };
        if (retry >= 0)
        {
            handlers[retry] = new RetryHandler(retryOption);
        }

        var pipeline = GraphClientFactory.CreatePipeline(handlers, new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.None });
        var httpClient = new HttpClient(pipeline!) { Timeout = TimeSpan.FromMinutes(5) };
        var auth = new AzureIdentityAuthenticationProvider(credential, [options.BaseUrl.Host], null, false, [options.TokenScope]);
        return new GraphServiceClient(httpClient, auth, options.BaseUrl.ToString().TrimEnd('/'));
    }
}
