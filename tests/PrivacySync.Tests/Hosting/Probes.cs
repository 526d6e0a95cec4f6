using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PrivacySync.Functions.Hosting;

namespace PrivacySync.Tests.Hosting;

/// <summary>Names a probe function at the type level, so one handler class can stand for several functions.</summary>
public interface IProbeName
{
    static abstract string Name { get; }
}

public sealed class Work : IProbeName
{
    public static string Name => "Work";
}

public sealed class Fanout : IProbeName
{
    public static string Name => "Fanout";
}

public sealed class Tick : IProbeName
{
    public static string Name => "Tick";
}

public sealed class Order : IProbeName
{
    public static string Name => "Order";
}

/// <summary>What one probe function did and will do: records every invocation, then runs <see cref="Behaviour"/>.</summary>
public sealed class Probe
{
    public Func<FunctionInvocation, CancellationToken, Task<FunctionResult>> Behaviour { get; set; } =
        (_, _) => Task.FromResult(FunctionResult.Empty);

    public ConcurrentQueue<FunctionInvocation> Invocations { get; } = new();

    public int Count => Invocations.Count;

    public async Task<FunctionResult> InvokeAsync(FunctionInvocation invocation, CancellationToken ct)
    {
        Invocations.Enqueue(invocation);
        return await Behaviour(invocation, ct);
    }
}

/// <summary>The probes of one test, by function name (registered as a singleton).</summary>
public sealed class Probes
{
    private readonly ConcurrentDictionary<string, Probe> _probes = new(StringComparer.OrdinalIgnoreCase);

    public Probe For<TName>() where TName : IProbeName => For(TName.Name);

    public Probe For(string name) => _probes.GetOrAdd(name, _ => new Probe());
}

public sealed class ProbeHandler<TName>(Probes probes) : IFunctionHandler
    where TName : IProbeName
{
    public string FunctionName => TName.Name;

    public Task<FunctionResult> InvokeAsync(FunctionInvocation invocation, CancellationToken ct) =>
        probes.For<TName>().InvokeAsync(invocation, ct);
}

/// <summary>A pure HTTP function with authLevel "function" for the key tests: GET /api/secret.</summary>
public sealed class SecretFunction : IHttpFunction
{
    public string FunctionName => "Secret";

    public void Map(IEndpointRouteBuilder api) => api.MapGet("/secret", () => Results.Text("classified"));
}

internal static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> passes (then fails with <paramref name="what"/>).</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0.#} s waiting for: {what}");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public static Task HoldsAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        HoldsAsync(() => Task.FromResult(condition()), timeout, what);
}
