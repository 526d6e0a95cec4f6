using PrivacySync.Connectors.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Functions.Connectors;

/// <summary>
/// Sets up, at start, the connector of every configured system whose task queue this process serves: resolves its
/// settings (a missing app setting fails start, naming it), builds its clients and credential, opens HR databases and
/// validates their mappings against the live schema (a mismatch fails start, naming the mapping and the problem).
/// Systems on a queue this process does not serve are left alone — the cloud app never needs the on-premises
/// database's connection string — and are set up by their first task, where a problem fails that task with the same
/// message. A system that is merely unreachable (transient) is logged and retried by its first task.
/// The queues served: those whose task function is not disabled with the host's
/// <c>AzureWebJobs.&lt;FunctionName&gt;.Disabled</c> app setting (the cloud app disables RunOnPremSystemTask).
/// </summary>
internal sealed class ConnectorStartupCheck(
    Lazy<PrivacySyncOptions> options, ConnectorRegistry registry, IConfiguration configuration, ILogger<ConnectorStartupCheck> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var system in options.Value.Systems.Where(s => registry.Knows(s.Kind ?? "")))
        {
            if (FunctionSwitches.IsDisabled(configuration, FunctionNames.ForTasks(system.Queue)))
            {
                logger.SystemNotServed(system.Id!, QueueNames.ForTasks(system.Queue));
                continue;
            }

            try
            {
                var connector = await registry.CreateAsync(system, cancellationToken);
                logger.SystemReady(system.Id!, system.Kind!);
                ReportCategorySources(system, connector);
            }
            catch (PermanentConnectorException e)
            {
                problems.Add(e.Message);
            }
            catch (TransientConnectorException e)
            {
                logger.SystemUnreachable(system.Id!, e.Message);
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                "Connected systems cannot be set up:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", problems));
        }
    }

    /// <summary>Says which of the connector's categories the subject is told about from the configuration and which from the connector's defaults.</summary>
    private void ReportCategorySources(SystemOptions system, IConnector connector)
    {
        if (connector is not IDeclaresCategories declared)
        {
            return;
        }

        var reported = declared.ReportedCategories;
        var fromConnector = reported.Where(c => system.CategoryCovering(c) is null).ToList();
        var unused = system.Categories.Where(c => !reported.Any(c.Covers)).Select(c => c.Name).ToList();
        if (fromConnector.Count > 0)
        {
            logger.CategoriesFromConnector(system.Id!, string.Join(", ", fromConnector));
        }
        else
        {
            logger.CategoriesFromConfiguration(system.Id!);
        }

        if (unused.Count > 0)
        {
            logger.CategoriesUnused(system.Id!, string.Join(", ", unused));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
