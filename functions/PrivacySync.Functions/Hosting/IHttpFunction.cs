using Microsoft.AspNetCore.Routing;

namespace PrivacySync.Functions.Hosting;

/// <summary>
/// A pure HTTP function (function.json: one httpTrigger and an http output only). The host forwards such
/// requests unchanged to the same path (enableForwardingHttpRequest), so the function maps ordinary
/// ASP.NET Core endpoints on <paramref name="api"/>, a route group already under the route prefix (/api).
/// </summary>
public interface IHttpFunction
{
    /// <summary>
    /// The function's folder name, i.e. Functions/&lt;FunctionName&gt;/function.json. A constant: it is read before
    /// the function's dependencies exist.
    /// </summary>
    string FunctionName { get; }

    void Map(IEndpointRouteBuilder api);
}
