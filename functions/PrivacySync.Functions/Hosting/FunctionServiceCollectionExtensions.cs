using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PrivacySync.Functions.Hosting;

public static class FunctionServiceCollectionExtensions
{
    /// <summary>
    /// Registers one function. <typeparamref name="THandler"/> implements <see cref="IFunctionHandler"/>
    /// (resolved in a new scope per invocation) or <see cref="IHttpFunction"/> (a singleton that maps its routes).
    /// Its <c>FunctionName</c> must match a folder Functions/&lt;FunctionName&gt;/ holding function.json.
    /// </summary>
    public static IServiceCollection AddFunction<THandler>(this IServiceCollection services)
        where THandler : class
    {
        ArgumentNullException.ThrowIfNull(services);
        var type = typeof(THandler);
        var isHandler = typeof(IFunctionHandler).IsAssignableFrom(type);
        var isHttp = typeof(IHttpFunction).IsAssignableFrom(type);
        if (isHandler == isHttp)
        {
            throw new ArgumentException(
                $"{type.Name} must implement exactly one of {nameof(IFunctionHandler)} or {nameof(IHttpFunction)}.",
                nameof(THandler));
        }

        if (isHandler)
        {
            services.TryAddScoped<THandler>();
        }
        else
        {
            services.TryAddSingleton<THandler>();
        }

        services.AddSingleton(new FunctionRegistration(type, isHandler ? FunctionKind.Handler : FunctionKind.Http));
        services.TryAddSingleton<FunctionRegistry>();
        return services;
    }
}
