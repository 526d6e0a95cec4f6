using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.HubSpot;

/// <summary>
/// Typed HttpClient for HubSpot's REST API (there is no official .NET SDK). Every request waits for a token from the
/// shared <see cref="HubSpotRateLimiter"/>, then runs in a Polly pipeline that retries 429 (not DAILY), 5xx, connection
/// failures and attempt timeouts with exponential backoff and jitter, honouring Retry-After. Exhausted retries and the
/// DAILY limit become <see cref="TransientConnectorException"/> (DAILY with Retry-After = the next midnight of the
/// account's time zone); other 4xx become <see cref="PermanentConnectorException"/>. Messages name the operation,
/// status, HubSpot category and correlation id, never request data.
/// </summary>
public sealed partial class HubSpotClient
{
    private readonly HttpClient http;
    private readonly HubSpotOptions options;
    private readonly HubSpotRateLimiter limiter;
    private readonly HubSpotCallCounter counter;
    private readonly TimeProvider time;
    private readonly ILogger<HubSpotClient> logger;
    private readonly ResiliencePipeline<HubSpotResponse> pipeline;

    public HubSpotClient(
        HttpClient http,
        IOptions<HubSpotOptions> options,
        HubSpotRateLimiter limiter,
        HubSpotCallCounter counter,
        TimeProvider time,
        ILogger<HubSpotClient> logger)
    {
        this.http = http;
        this.options = options.Value;
        this.limiter = limiter;
        this.counter = counter;
        this.time = time;
        this.logger = logger;
        http.BaseAddress ??= WithTrailingSlash(this.options.BaseUrl);
        http.Timeout = Timeout.InfiniteTimeSpan; // the pipeline times each attempt instead
        pipeline = BuildPipeline();
    }

    public HubSpotCallCounter Counter => counter;

    /// <summary>Relative paths resolve under the base URL only when it ends with a slash.</summary>
    internal static Uri WithTrailingSlash(Uri baseUrl) =>
        baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");

    private ResiliencePipeline<HubSpotResponse> BuildPipeline() =>
        new ResiliencePipelineBuilder<HubSpotResponse> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HubSpotResponse>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseRetryDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: HttpRequestException or TimeoutRejectedException } => true,
                    { Result: { } response } => response.IsRetryable,
                    _ => false,
                }),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result?.RetryAfter is { } retryAfter
                        ? retryAfter + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 250)) // spread a herd of waiters
                        : (TimeSpan?)null),
                OnRetry = args =>
                {
                    counter.Retry();
                    var operation = args.Context.Properties.GetValue(OperationKey, "request");
                    if (args.Outcome.Result is { } r)
                    {
                        HubSpotLog.Retrying(logger, operation, r.StatusCode, r.PolicyName, args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds);
                    }
                    else if (args.Outcome.Exception is { } e)
                    {
                        HubSpotLog.RetryingTransport(logger, operation, args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds, e);
                    }

                    return default;
                },
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();

    private static readonly ResiliencePropertyKey<string> OperationKey = new("hubspot.operation");

    /// <summary>
    /// Sends one request with limits, retries and error mapping. Returns the answer for 2xx/207, and for 404 when
    /// <paramref name="allowNotFound"/>; throws a connector exception otherwise.
    /// </summary>
    internal async Task<HubSpotResponse> SendAsync(
        HttpMethod method, string path, JToken? body, string operation, CancellationToken cancellationToken, bool isSearch = false, bool allowNotFound = false,
        bool allowValidationError = false, bool allowConflict = false)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(OperationKey, operation);
        HubSpotResponse response;
        try
        {
            response = await pipeline.ExecuteAsync(
                async (ctx, _) => await AttemptAsync(method, path, body, isSearch, ctx.CancellationToken),
                context,
                0);
        }
        catch (Exception e) when ((e is HttpRequestException or TimeoutRejectedException) && !cancellationToken.IsCancellationRequested)
        {
            throw new TransientConnectorException($"HubSpot {operation}: no answer after {options.MaxRetryAttempts + 1} attempts ({e.GetType().Name})", inner: e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (response.IsSuccess || (allowNotFound && response.StatusCode == 404) || (allowValidationError && response.StatusCode == 400) || (allowConflict && response.StatusCode == 409)) return response;
        throw Failure(operation, response);
    }

    private async Task<HubSpotResponse> AttemptAsync(HttpMethod method, string path, JToken? body, bool isSearch, CancellationToken cancellationToken)
    {
        await limiter.AcquireAsync(isSearch, cancellationToken);
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.AccessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToString(Formatting.None), Encoding.UTF8, "application/json");
        }

        counter.Call();
        try
        {
            using var answer = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var text = await answer.Content.ReadAsStringAsync(cancellationToken);
            var response = new HubSpotResponse((int)answer.StatusCode, text, RetryAfter(answer));
            if (response.StatusCode == 429) counter.Throttle();
            if (response.StatusCode >= 500) counter.ServerError();
            return response;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            // A cancelled attempt is usually the attempt timeout, which the pipeline turns into TimeoutRejectedException.
            counter.TransportFailure();
            throw;
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage answer)
    {
        var header = answer.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date - time.GetUtcNow() is { Ticks: > 0 } wait ? wait : TimeSpan.Zero;
        return null;
    }

    private Exception Failure(string operation, HubSpotResponse response)
    {
        if (response.IsDailyLimit)
        {
            var wait = UntilNextQuotaWindow();
            HubSpotLog.DailyLimit(logger, operation, wait);
            return new TransientConnectorException(
                $"HubSpot daily API limit reached during {operation}; the quota resets at midnight ({options.DailyQuotaTimeZone})", wait);
        }

        if (response.IsRetryable)
        {
            return new TransientConnectorException(
                $"HubSpot {operation} still answered {response.StatusCode} {response.PolicyName ?? response.Category} after {options.MaxRetryAttempts} retries (correlation id {response.CorrelationId})",
                response.RetryAfter);
        }

        HubSpotLog.Permanent(logger, operation, response.StatusCode, response.Category, response.CorrelationId);
        var advice = response.StatusCode switch
        {
            401 => "HubSpot rejected the access token; check the private app token behind the configured credential reference",
            403 => "the HubSpot private app lacks a scope this operation needs (e.g. crm.objects.contacts.write, communication_preferences.read_write)",
            404 => "HubSpot does not know the requested record",
            409 => "HubSpot reports a conflict with an existing record",
            _ => "HubSpot refused the request",
        };
        return new PermanentConnectorException(
            $"HubSpot {operation} failed with {response.StatusCode} {response.Category}: {advice} (correlation id {response.CorrelationId})");
    }

    /// <summary>HubSpot resets the daily limit at midnight in the account's time zone.</summary>
    internal TimeSpan UntilNextQuotaWindow()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.DailyQuotaTimeZone);
        var now = time.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var nextMidnight = local.Date.AddDays(1);
        var next = new DateTimeOffset(nextMidnight, zone.GetUtcOffset(nextMidnight));
        return next - now;
    }
}
