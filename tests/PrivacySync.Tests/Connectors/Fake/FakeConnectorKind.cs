using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using PrivacySync.Connectors.Common;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Tests.Connectors.Fake;

/// <summary>The Connector section of a system of kind "fake".</summary>
internal sealed record FakeConnectorOptions
{
    /// <summary>How many records an export yields (0–10).</summary>
    public int? Records { get; init; }
}

/// <summary>Kind "fake": an in-process system, the whole of a connector kind in one file.</summary>
internal sealed class FakeConnectorKind() : ConnectorKind<FakeConnectorOptions>(KindName, Check)
{
    public const string KindName = "fake";

    public override ValueTask<IConnector> CreateAsync(SystemOptions system, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IConnector>(new FakeConnector(SettingsOf(system).Records ?? 1));

    private static void Check(SystemOptions system, FakeConnectorOptions? connector, string path, ValidationErrors errors) =>
        errors.Range($"{path}.Connector.Records", connector?.Records, 0, 10);
}

internal static class FakeServiceCollectionExtensions
{
    public static IServiceCollection AddFakeConnector(this IServiceCollection services) => services.AddConnectorKind<FakeConnectorKind>();
}

internal sealed class FakeConnector(int records) : IConnector
{
    public string Kind => FakeConnectorKind.KindName;

    public Task<IdentityResolution> ResolveAsync(SubjectIdentity subject, CancellationToken cancellationToken) =>
        Task.FromResult(IdentityResolution.Resolve(records > 0 ? [new RecordMatch("fake/1", "fake", [SubjectIdentifiers.Email])] : [], subject));

    public Task<DiscoveryResult> DiscoverAsync(SubjectIdentity subject, CancellationToken cancellationToken) =>
        Task.FromResult(new DiscoveryResult(records > 0, []));

    public async IAsyncEnumerable<ExportRecord> ExportAsync(SubjectIdentity subject, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = 0; i < records; i++)
        {
            await Task.Yield();
            yield return new ExportRecord("contact", "Testing", "Art. 6(1)(b)", "fake", null, new() { ["n"] = i });
        }
    }

    public Task<SystemOutcome> EraseAsync(SubjectIdentity subject, CancellationToken cancellationToken) => Task.FromResult(new SystemOutcome([]));

    public Task<SystemOutcome> ObjectAsync(SubjectIdentity subject, CancellationToken cancellationToken) => Task.FromResult(new SystemOutcome([]));

    public Task<SystemOutcome> RectifyAsync(SubjectIdentity subject, IReadOnlyList<TargetedCorrection> corrections, CancellationToken cancellationToken) =>
        Task.FromResult(new SystemOutcome([.. corrections.Select(c => records > 0 ? CategoryOutcome.Rectified(c.Category, c.Field, records) : CategoryOutcome.NotFound(c.Category) with { Field = c.Field })]));

    public Task<SystemOutcome> RestrictAsync(SubjectIdentity subject, RestrictionStep step, CancellationToken cancellationToken) =>
        Task.FromResult(new SystemOutcome(records > 0 ? [CategoryOutcome.Held("records", step, records)] : []));
}
