using Microsoft.Extensions.DependencyInjection.Extensions;
using PrivacySync.Sandbox.Hosting;

namespace PrivacySync.Sandbox.Graph;

/// <summary>
/// Microsoft Graph v1.0 as the Microsoft 365 connector uses it: directory, Outlook mail/calendar/contacts, OneDrive
/// and eDiscovery (Premium), with bearer tokens carrying app roles, OData paging, Graph's error body, Retry-After
/// throttling and the Outlook mailbox concurrency limit. Everything is in memory.
/// </summary>
public sealed class GraphSimulator(GraphSimulatorOptions? options = null) : ISimulator
{
    public string Name => "graph";

    public void ConfigureServices(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options ?? new GraphSimulatorOptions());
        services.AddSingleton<GraphTokens>();
        services.AddSingleton<GraphTenant>();
        services.AddSingleton<EdiscoveryStore>();
    }

    public void Map(WebApplication app)
    {
        app.Use(GraphAccess.Authenticate);
        app.Use(new GraphFaults(options ?? new GraphSimulatorOptions()).InvokeAsync);
        var v1 = app.MapGroup("/v1.0");
        DirectoryEndpoints.Map(v1);
        MailboxEndpoints.Map(v1);
        DriveEndpoints.Map(v1, app);
        EdiscoveryEndpoints.Map(v1, app);
        TokenEndpoints.Map(app);
        app.MapFallback((HttpContext context) => GraphErrors.BadRequest(
            context, "BadRequest", $"Resource not found for the segment '{context.Request.Path.Value?.Split('/').LastOrDefault()}'."));
    }
}
