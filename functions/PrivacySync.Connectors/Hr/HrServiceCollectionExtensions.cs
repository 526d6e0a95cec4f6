using Microsoft.Extensions.DependencyInjection;
using PrivacySync.Connectors.Common;
using PrivacySync.Connectors.Hr.Rest;

namespace PrivacySync.Connectors.Hr;

public static class HrServiceCollectionExtensions
{
    /// <summary>Installs kind "hr-sql" (<see cref="HrSqlConnectorKind"/>): an HR database read through its mapping.</summary>
    public static IServiceCollection AddHrSqlConnector(this IServiceCollection services) =>
        services.AddConnectorKind<HrSqlConnectorKind>();

    /// <summary>Installs kind "hr-rest" (<see cref="HrRestConnectorKind"/>): an HR system's signed REST API.</summary>
    public static IServiceCollection AddHrRestConnector(this IServiceCollection services)
    {
        // The factory's request logging is kept off, as for every connector that handles subject data.
        services.AddHttpClient(HrRestConnectorKind.HttpClientName).RemoveAllLoggers();
        return services.AddConnectorKind<HrRestConnectorKind>();
    }
}
