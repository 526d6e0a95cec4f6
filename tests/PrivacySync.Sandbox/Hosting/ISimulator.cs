namespace PrivacySync.Sandbox.Hosting;

/// <summary>One sandbox simulator (HubSpot, Graph, HR REST, Teams sink): its services and its routes.</summary>
public interface ISimulator
{
    /// <summary>Short name used on the command line and in endpoints files, e.g. "hubspot".</summary>
    string Name { get; }

    void ConfigureServices(IServiceCollection services);

    void Map(WebApplication app);
}
