using System.Globalization;
using System.Net;
using Azure.Identity;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.Microsoft365;

/// <summary>
/// Turns Graph and credential failures into the connector contract's exceptions. Messages carry the Graph error code
/// and request id only: Graph's own message may quote a mailbox address, which must not reach logs or task records.
/// </summary>
internal static class GraphFailures
{
    public static async Task<T> Call<T>(Func<Task<T>> call, string action)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (Map(e, action) is { } mapped)
        {
            throw mapped;
        }
    }

    public static async Task Call(Func<Task> call, string action)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (Exception e) when (Map(e, action) is { } mapped)
        {
            throw mapped;
        }
    }

    public static int? Status(Exception e) => e is ApiException api ? api.ResponseStatusCode : null;

    public static string? Code(Exception e) => (e as ODataError)?.Error?.Code;

    public static Exception? Map(Exception e, string action)
    {
        switch (e)
        {
            case OperationCanceledException:
            case TransientConnectorException:
            case PermanentConnectorException:
                return null;
            case AuthenticationFailedException or CredentialUnavailableException:
                return new PermanentConnectorException(
                    $"Microsoft 365: could not obtain an access token to {action}; check the tenant id, client id and credential configuration.", e);
            case AggregateException aggregate when aggregate.InnerExceptions.OfType<ApiException>().LastOrDefault() is { } last:
                // Kiota's retry handler gives up with every attempt's failure; the last one says how it ended.
                return Map(last, action) is { } mapped ? Rewrap(mapped, e) : null;
            case HttpRequestException:
                return new TransientConnectorException($"Microsoft 365: network failure while trying to {action}.", null, e);
            case ApiException api:
                var status = api.ResponseStatusCode;
                var detail = Detail(e);
                if (status is 429 or 503 or 504 || status >= 500)
                {
                    return new TransientConnectorException(
                        $"Microsoft 365: Graph answered {status} while trying to {action} ({detail}); retry later.", RetryAfter(api), e);
                }

                return status switch
                {
                    401 => new PermanentConnectorException(
                        $"Microsoft 365: Graph rejected the app's access token while trying to {action} ({detail}); check the app registration and credential.", e),
                    403 => new PermanentConnectorException(
                        $"Microsoft 365: Graph denied access while trying to {action} ({detail}); check the app's application permissions and admin consent.", e),
                    _ => new PermanentConnectorException($"Microsoft 365: Graph answered {status} while trying to {action} ({detail}).", e),
                };
            default:
                return null;
        }
    }

    private static Exception Rewrap(Exception mapped, Exception original) => mapped switch
    {
        TransientConnectorException t => new TransientConnectorException(t.Message, t.RetryAfter, original),
        _ => new PermanentConnectorException(mapped.Message, original),
    };

    private static string Detail(Exception e)
    {
        if (e is ODataError { Error: { } error })
        {
            return $"code {error.Code}, request-id {error.InnerError?.RequestId ?? "none"}";
        }

        return "no error body";
    }

    private static TimeSpan? RetryAfter(ApiException api)
    {
        if (api.ResponseHeaders is null)
        {
            return null;
        }

        foreach (var (name, values) in api.ResponseHeaders)
        {
            if (!name.Equals("Retry-After", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = values.FirstOrDefault();
            if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }

            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                var wait = at - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }

        return null;
    }

    public static bool IsNotFound(Exception e) => Status(e) == (int)HttpStatusCode.NotFound;
}
