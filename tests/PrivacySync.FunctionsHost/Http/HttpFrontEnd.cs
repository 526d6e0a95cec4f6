using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using PrivacySync.FunctionsHost.Rpc;
using PrivacySync.FunctionsHost.Triggers;

namespace PrivacySync.FunctionsHost.Http;

/// <summary>The host's HTTP side as one function of the app sees it: its route, methods and authLevel.</summary>
internal sealed record HttpRoute(FunctionDefinition Function, string Pattern, string[] Methods, string AuthLevel);

/// <summary>
/// Kestrel on 127.0.0.1: the functions' routes under the routePrefix, key checks, and the proxy that forwards the raw
/// request to the worker's HttpUri (header <c>x-ms-invocation-id</c>) while the matching InvocationRequest goes over
/// gRPC; the worker's response is streamed back. Also <c>POST /admin/functions/{name}</c> with the master key.
/// </summary>
internal sealed class HttpFrontEnd : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host",
    };

    private readonly WebApplication _app;
    private readonly HttpClient _client;
    private readonly CancellationTokenSource _abandon = new();

    private HttpFrontEnd(WebApplication app, HttpClient client)
    {
        _app = app;
        _client = client;
    }

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<HttpFrontEnd> StartAsync(
        int port,
        IReadOnlyList<HttpRoute> routes,
        IReadOnlyDictionary<string, TimerListener> timers,
        IReadOnlySet<string> functionNames,
        HostKeys keys,
        WorkerSupervisor supervisor,
        Invoker invoker,
        FunctionsHostOptions options,
        CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(options.LoggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.AddServerHeader = false;
        });

        var client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        })
        { Timeout = Timeout.InfiniteTimeSpan };

        var app = builder.Build();
        var frontEnd = new HttpFrontEnd(app, client);
        var logger = options.LoggerFactory.CreateLogger("Host.Http");

        foreach (var route in routes)
        {
            RequestDelegate handler = context => frontEnd.ProxyAsync(context, route, keys, supervisor, invoker, options, logger);
            var endpoint = route.Methods.Length == 0
                ? app.Map(route.Pattern, handler)
                : app.MapMethods(route.Pattern, route.Methods, handler);
            endpoint.WithDisplayName(route.Function.Name);
        }

        app.MapPost("/admin/functions/{name}", (HttpContext context, string name) =>
        {
            if (!keys.IsMaster(Key(context)))
            {
                return Results.Unauthorized();
            }

            if (timers.TryGetValue(name, out var timer))
            {
                timer.RunNow();
                return Results.Accepted();
            }

            return functionNames.Contains(name)
                ? Results.BadRequest($"Function '{name}' is not a timer function; this host runs only timers on demand.")
                : Results.NotFound($"No enabled function named '{name}'.");
        });
        app.MapGet("/admin/host/status", (HttpContext context) =>
            keys.IsMaster(Key(context)) ? Results.Json(new { state = "Running" }) : Results.Unauthorized());

        await app.StartAsync(cancellationToken);
        frontEnd.BaseUrl = new Uri(app.Urls.First());
        return frontEnd;
    }

    private static string? Key(HttpContext context)
    {
        var header = context.Request.Headers["x-functions-key"].ToString();
        return header.Length > 0 ? header : context.Request.Query["code"].ToString() is { Length: > 0 } code ? code : null;
    }

    private async Task ProxyAsync(
        HttpContext context,
        HttpRoute route,
        HostKeys keys,
        WorkerSupervisor supervisor,
        Invoker invoker,
        FunctionsHostOptions options,
        ILogger logger)
    {
        if (!keys.Allows(route.AuthLevel, Key(context)))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        WorkerChannel channel;
        try
        {
            channel = await supervisor.GetReadyAsync(context.RequestAborted).WaitAsync(options.WorkerStartTimeout);
        }
        catch (TimeoutException)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        if (channel.HttpUri is not { } workerUri)
        {
            Log.NoHttpUri(logger, route.Function.Name);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        var invocationId = Guid.NewGuid().ToString();
        var invocation = invoker.InvokeAsync(route.Function, BuildInvocation(context, route, invocationId), channel, _abandon.Token);
        using var forward = BuildForward(context, workerUri, invocationId);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var sending = _client.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, cancel.Token);

        if (await Task.WhenAny(sending, invocation) == invocation && !invocation.Result.Succeeded)
        {
            // Failed before the worker answered (e.g. it crashed): the worker's side will never respond.
            await cancel.CancelAsync();
            await ObserveAsync(sending);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        HttpResponseMessage response;
        try
        {
            response = await sending;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            Log.ForwardFailed(logger, route.Function.Name, invocationId, e.Message);
            await invocation;
            if (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }

            return;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
            var buffer = new byte[16 * 1024];
            var read = await body.ReadAsync(buffer, context.RequestAborted);
            if (read == 0 && !(await invocation).Succeeded)
            {
                // An empty answer from a failed invocation: the Functions host answers 500.
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            }

            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var header in response.Headers.Concat(response.Content.Headers))
            {
                if (!HopByHop.Contains(header.Key))
                {
                    context.Response.Headers[header.Key] = header.Value.ToArray();
                }
            }

            if (read > 0)
            {
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
                await body.CopyToAsync(context.Response.Body, context.RequestAborted);
            }
        }

        await invocation;
    }

    private static async Task ObserveAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            // Cancelled on purpose.
        }
    }

    private static HttpRequestMessage BuildForward(HttpContext context, Uri workerUri, string invocationId)
    {
        var request = context.Request;
        var target = new Uri(workerUri, request.PathBase.Add(request.Path).ToUriComponent() + request.QueryString.ToUriComponent());
        var message = new HttpRequestMessage(new HttpMethod(request.Method), target);
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            message.Content = new StreamContent(request.Body);
        }

        foreach (var (name, values) in request.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }

            if (!message.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        message.Headers.Remove("x-ms-invocation-id");
        message.Headers.TryAddWithoutValidation("x-ms-invocation-id", invocationId);
        message.Headers.TryAddWithoutValidation("X-Forwarded-Host", request.Host.ToUriComponent());
        message.Headers.TryAddWithoutValidation("X-Forwarded-Proto", request.Scheme);
        if (context.Connection.RemoteIpAddress is { } remote)
        {
            message.Headers.TryAddWithoutValidation("X-Forwarded-For", remote.ToString());
        }

        return message;
    }

    private static InvocationRequest BuildInvocation(HttpContext context, HttpRoute route, string invocationId)
    {
        var request = context.Request;
        var http = new RpcHttp
        {
            Method = request.Method,
            Url = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}",
        };
        foreach (var (name, values) in request.Headers)
        {
            http.NullableHeaders[name.ToLowerInvariant()] = new NullableString { Value = values.ToString() };
        }

        foreach (var (name, values) in request.Query)
        {
            http.NullableQuery[name] = new NullableString { Value = values.ToString() };
        }

        var invocation = new InvocationRequest { InvocationId = invocationId };
        foreach (var (name, value) in request.RouteValues)
        {
            if (value is null)
            {
                continue;
            }

            var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            http.NullableParams[name] = new NullableString { Value = text };
            // Route parameters are binding data: the worker binds a parameter named like one from here.
            invocation.TriggerMetadata[name] = new TypedData { String = text };
        }

        // The raw request reaches the worker over HTTP; the invocation carries its description only.
        invocation.InputData.Add(new ParameterBinding { Name = route.Function.Trigger.Name, Data = new TypedData { Http = http } });
        invocation.TriggerMetadata["Query"] = new TypedData { Json = JsonConvert.SerializeObject(request.Query.ToDictionary(q => q.Key, q => q.Value.ToString())) };
        invocation.TriggerMetadata["Headers"] = new TypedData { Json = JsonConvert.SerializeObject(request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString())) };
        return invocation;
    }

    /// <summary>Stops taking requests; requests under way get until the deadline, then their invocations are abandoned.</summary>
    public async Task StopAsync(CancellationToken deadline)
    {
        try
        {
            await _app.StopAsync(deadline);
        }
        catch (OperationCanceledException)
        {
            // Grace period over.
        }

        await _abandon.CancelAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _client.Dispose();
        _abandon.Dispose();
    }
}

/// <summary>The function key and master key; comparisons take constant time.</summary>
internal sealed class HostKeys(string functionKey, string masterKey)
{
    public string FunctionKey => functionKey;

    public string MasterKey => masterKey;

    public bool IsMaster(string? key) => Equal(key, masterKey);

    public bool Allows(string authLevel, string? key) => authLevel.ToLowerInvariant() switch
    {
        "anonymous" => true,
        "function" => Equal(key, functionKey) || Equal(key, masterKey),
        _ => Equal(key, masterKey),
    };

    private static bool Equal(string? given, string expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
