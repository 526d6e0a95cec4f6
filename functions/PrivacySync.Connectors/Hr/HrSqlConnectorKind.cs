using System.Data.Common;
using Microsoft.Extensions.Logging;
using PrivacySync.Connectors.Common;
using PrivacySync.Connectors.Hr.Mapping;
using PrivacySync.Connectors.Hr.Sql;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.Hr;

/// <summary>
/// Kind "hr-sql": each database is opened once per process and its mapping validated against the live
/// schema (<see cref="HrSqlConnector.OpenAsync"/>); the validated connector is shared by every task of the system.
/// A mapping that does not match is a permanent error naming the mapping file and every problem; a database that
/// cannot be reached for a transient reason is retried by the next task.
/// </summary>
public sealed class HrSqlConnectorKind(ConnectorSettings settings, TimeProvider time, ILoggerFactory loggers)
    : ConnectorKind<HrSqlConnectorOptions>(KindName, HrSqlConnectorRules.Check), IDisposable
{
    public const string KindName = HrSqlConnector.ConnectorKind;

    private readonly SystemCache<HrSqlConnector> connectors = new();

    public override async ValueTask<IConnector> CreateAsync(SystemOptions system, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        return await connectors.GetAsync(system.Id!, ct => OpenAsync(system, ct), cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => connectors.Dispose();

    private async Task<HrSqlConnector> OpenAsync(SystemOptions system, CancellationToken cancellationToken)
    {
        var connector = SettingsOf(system);
        var mappingPath = settings.PathFromConfig(connector.Mapping ?? "");
        HrMapping mapping;
        try
        {
            mapping = await HrMappingLoader.LoadAsync(mappingPath, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new PermanentConnectorException($"Systems '{system.Id}': Connector.Mapping: the mapping file '{mappingPath}' does not exist.", e);
        }
        catch (HrMappingException e)
        {
            throw new PermanentConnectorException($"Systems '{system.Id}': Connector.Mapping '{mappingPath}': {e.Message}", e);
        }

        var options = new HrSqlDatabaseOptions
        {
            Provider = connector.Provider!,
            ConnectionString = settings.Require(system, system.CredentialReference, "CredentialReference", "the database connection string"),
            Mapping = mapping,
            NationalIdHashKey = settings.OptionalKey(
                system, connector.NationalIdHashKeySetting, "Connector.NationalIdHashKeySetting", "the key of the HR system's national-id hashes"),
            PseudonymisationKey = settings.OptionalKey(
                system, connector.PseudonymisationKeySetting, "Connector.PseudonymisationKeySetting", "the key for pseudonyms of erased columns"),
        };
        if (connector.PageSize is { } pageSize)
        {
            options = options with { PageSize = pageSize };
        }

        var dialect = SqlDialects.Find(options.Provider);
        try
        {
            return await HrSqlConnector.OpenAsync(options, time, loggers.CreateLogger<HrSqlConnector>(), cancellationToken).ConfigureAwait(false);
        }
        catch (HrMappingException e)
        {
            throw new PermanentConnectorException($"Systems '{system.Id}': the mapping '{mappingPath}' does not match the database: {e.Message}", e);
        }
        catch (DbException e)
        {
            // The engine's code only: its message may quote the connection string or data.
            var reason = $"Systems '{system.Id}': the HR database could not be opened ({dialect.ErrorCode(e)})";
            throw dialect.IsTransient(e)
                ? new TransientConnectorException(reason, inner: e)
                : new PermanentConnectorException(reason + "; check the connection string setting " + $"'{system.CredentialReference}'.", e);
        }
        catch (ArgumentException e)
        {
            // A malformed connection string is reported by the ADO.NET provider as an argument error.
            throw new PermanentConnectorException(
                $"Systems '{system.Id}': the HR database could not be opened ({e.GetType().Name}); check the connection string setting '{system.CredentialReference}'.", e);
        }
    }
}
