using System.Runtime.CompilerServices;

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

        foreach (var registration in registrations.Distinct())
        {
            var name = NameOf(registration);
            if (!_byName.TryAdd(name, registration))
            {
                duplicates.Add(name);
            }
        }

        DuplicateNames = duplicates;
    }

    public IReadOnlyCollection<string> Names => _byName.Keys;

    // The name is read from an instance made without its constructor: the handler's dependencies (stores, keys) may
    // be unusable while the configuration is being validated, and FunctionName must not depend on them anyway.
    private static string NameOf(FunctionRegistration registration)
    {
        var bare = RuntimeHelpers.GetUninitializedObject(registration.HandlerType);
        return registration.Kind == FunctionKind.Handler ? ((IFunctionHandler)bare).FunctionName : ((IHttpFunction)bare).FunctionName;
    }

    /// <summary>Function names registered by more than one handler type (a start-up validation error).</summary>
    public IReadOnlyList<string> DuplicateNames { get; }

    public FunctionRegistration? Find(string functionName) =>
        _byName.TryGetValue(functionName, out var registration) ? registration : null;

    public IEnumerable<(string Name, FunctionRegistration Registration)> All =>
        _byName.Select(pair => (pair.Key, pair.Value));
}
