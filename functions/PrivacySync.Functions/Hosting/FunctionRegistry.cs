using Microsoft.Extensions.DependencyInjection;

namespace PrivacySync.Functions.Hosting;

/// <summary>The registered functions by name (case-insensitive, like the host's function names).</summary>
public sealed class FunctionRegistry
{
    private readonly Dictionary<string, FunctionRegistration> _byName;

    public FunctionRegistry(IServiceProvider services, IEnumerable<FunctionRegistration> registrations)
    {
        ArgumentNullException.ThrowIfNull(services);
        _byName = new Dictionary<string, FunctionRegistration>(StringComparer.OrdinalIgnoreCase);
        var duplicates = new List<string>();

        // The name lives on the instance, so each type is created once in a throw-away scope to read it.
        using var scope = services.CreateScope();
        foreach (var registration in registrations.Distinct())
        {
            var name = registration.Kind == FunctionKind.Handler
                ? ((IFunctionHandler)scope.ServiceProvider.GetRequiredService(registration.HandlerType)).FunctionName
                : ((IHttpFunction)scope.ServiceProvider.GetRequiredService(registration.HandlerType)).FunctionName;
            if (!_byName.TryAdd(name, registration))
            {
                duplicates.Add(name);
            }
        }

        DuplicateNames = duplicates;
    }

    public IReadOnlyCollection<string> Names => _byName.Keys;

    /// <summary>Function names registered by more than one handler type (a start-up validation error).</summary>
    public IReadOnlyList<string> DuplicateNames { get; }

    public FunctionRegistration? Find(string functionName) =>
        _byName.TryGetValue(functionName, out var registration) ? registration : null;

    public IEnumerable<(string Name, FunctionRegistration Registration)> All =>
        _byName.Select(pair => (pair.Key, pair.Value));
}
