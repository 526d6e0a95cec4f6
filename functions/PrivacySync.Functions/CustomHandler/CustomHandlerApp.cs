using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using PrivacySync.Functions.Hosting;

namespace PrivacySync.Functions.CustomHandler;

/// <summary>
/// Custom-handler mode: the web server the Functions host starts (host.json customHandler) and calls on
/// 127.0.0.1:$FUNCTIONS_CUSTOMHANDLER_PORT — POST /{FunctionName} with an invocation payload, and forwarded
/// pure HTTP requests on their original path under /api. The host owns triggers, keys and output bindings.
/// </summary>
public static class CustomHandlerApp
{
    /// <summary>Builds the app; throws <see cref="Hosting.Metadata.FunctionAppConfigurationException"/> when the configuration is invalid.</summary>
    public static WebApplication Build(CustomHandlerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        FunctionHostBootstrap.EnsureScriptRootExists(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = options.ScriptRoot });
        FunctionHostBootstrap.Configure(builder, options);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));

        var app = builder.Build();
        var functionApp = FunctionHostBootstrap.LoadAndValidate(app.Services, options.ScriptRoot, app.Configuration);
        var registry = app.Services.GetRequiredService<FunctionRegistry>();

        app.MapInvocationEndpoints(functionApp);
        app.MapHttpFunctions(functionApp, registry, enforceKeys: false);
        return app;
    }
}
