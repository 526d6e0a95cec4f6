using System.Net;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using PrivacySync.Cli;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Certificates;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Reconciliation.Retention;
using PrivacySync.Storage;
using PrivacySync.Storage.Stores;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Nightly;

/// <summary>
/// Re-verification after erasure (the subject re-created in HubSpot through the simulator's form API is found and,
/// as the entity is configured, erased again with an addendum) and minimisation of PrivacySync's own data after
/// RequestDataRetentionDays (identifiers, notes, raw results and export package gone; record, outcomes, audit trail
/// and certificate kept) — through the published app, the real systems and <c>privacysync reconcile</c> on a fake clock.
/// </summary>
public sealed class ReverificationAndMinimisationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static FakeTimeProvider At(DateOnly night) => new(new DateTimeOffset(night.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero));

    [Fact]
    public async Task ASubjectRecreatedInHubSpotAfterErasureIsFoundAndErasedAgainWithAnAddendum()
    {
        await using var subject = await ErasedSubject.StartAsync();
        await subject.ConfigureAsync(c => c["LegalEntities"]![0]!["Reverification"] = new JObject { ["Days"] = 30, ["EraseAgain"] = true });
        var hubSpot = subject.Systems.HubSpot;
        var contact = $"crm/v3/objects/contacts/{Uri.EscapeDataString(subject.Systems.Email)}?idProperty=email";
        Assert.Equal(HttpStatusCode.NotFound, await subject.HubSpotStatusAsync(contact));
        // A form on the website brings the person back (HubSpot lifts the GDPR blocklist for a form submission).
        var form = await hubSpot.CreateFormAsync("Newsletter sign-up");
        await hubSpot.SubmitFormAsync(form, "newsletter", ("email", subject.Systems.Email), ("firstname", "Ingrid"));
        Assert.Equal(HttpStatusCode.OK, await subject.HubSpotStatusAsync(contact));
        var night = subject.CompletedOn.AddDays(1);

        var (code, output, _) = await subject.ReconcileAsync(night, At(night));

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("found-after-erasure\t" + subject.RequestId + " [crm]", output, StringComparison.Ordinal);
        Assert.Contains("Erased again: contact-profile erased", output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, await subject.HubSpotStatusAsync(contact));
        var addendum = await subject.OutputAsync(AddendumIssuer.FileName(night, AddendumReason.FoundAgain));
        Assert.NotNull(addendum);
        var verdict = CertificateVerifier.Verify(addendum, subject.PublicKeyPem);
        Assert.Equal(VerificationStatus.Valid, verdict.Status);
        Assert.True(CertificateAddendum.References(verdict.Document!, CertificateVerifier.Verify(subject.Certificate, subject.PublicKeyPem).Document!));
        Assert.Equal("found-again", (string?)verdict.Document!["reason"]);
        var crm = Assert.Single(verdict.Document["systems"]!);
        Assert.Equal("crm", (string?)crm["systemId"]);
        Assert.Contains(crm["categories"]!, c => (string?)c["category"] == "contact-profile" && (string?)c["outcome"] == "erased");
        var events = await subject.Systems.Service<IAuditLog>().ReadAsync(subject.RequestId, Ct);
        Assert.Contains(events, e => e.Action == AuditActions.FoundAfterErasure && e.SystemId == "crm" && e.Outcome == "erased-again");
        Assert.True(TestAudit.Chain.Verify(events).IsValid);

        // The next night finds nothing more.
        var (_, next, _) = await subject.ReconcileAsync(night.AddDays(1), At(night.AddDays(1)));
        Assert.DoesNotContain("found-after-erasure\t" + subject.RequestId + " [crm]", next, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterTheRetentionDaysTheRequestsOwnDataIsDeletedAndTheCertificateStillVerifies()
    {
        await using var subject = await ErasedSubject.StartAsync(accessFirst: true);
        var access = subject.AccessRequestId!;
        var clients = StorageClients.FromConnectionString(subject.Systems.Storage.ConnectionString);
        Assert.NotEmpty(await BlobsAsync(clients, StoreNames.ResultsContainer, access));
        Assert.NotNull(await subject.Systems.Service<IOutputStore>().OpenAsync(access, "export.zip", Ct));
        Assert.NotNull(await subject.Systems.Service<ISubjectStore>().GetAsync(subject.RequestId, Ct));

        // The day before the retention ends nothing is deleted.
        var (_, before, _) = await subject.ReconcileAsync(subject.CompletedOn.AddDays(89), At(subject.CompletedOn.AddDays(89)));
        Assert.DoesNotContain("minimised", before, StringComparison.Ordinal);
        Assert.NotNull(await subject.Systems.Service<ISubjectStore>().GetAsync(access, Ct));

        var night = subject.CompletedOn.AddDays(90);
        var (code, output, _) = await subject.ReconcileAsync(night, At(night));

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("minimised\t" + access, output, StringComparison.Ordinal);
        Assert.Contains("minimised\t" + subject.RequestId, output, StringComparison.Ordinal);
        foreach (var id in new[] { access, subject.RequestId })
        {
            Assert.Empty(await BlobsAsync(clients, StoreNames.SubjectsContainer, id));
            Assert.Empty(await BlobsAsync(clients, StoreNames.ResultsContainer, id));
            var stored = (await subject.Systems.Service<IRequestStore>().GetAsync(id, Ct))!.Value;
            Assert.NotNull(stored.MinimisedAt);
            var events = await subject.Systems.Service<IAuditLog>().ReadAsync(id, Ct);
            Assert.Single(events, e => e.Action == AuditActions.IdentifiersPurged);
            Assert.True(TestAudit.Chain.Verify(events).IsValid);
            Assert.NotEmpty(await subject.Systems.Service<ITaskStore>().ListAsync(id, Ct)); // outcomes remain
        }

        Assert.Null(await subject.Systems.Service<IOutputStore>().OpenAsync(access, "export.zip", Ct));
        var view = await subject.Systems.SendAsync(HttpMethod.Get, $"/api/requests/{access}", null, HttpStatusCode.OK);
        Assert.DoesNotContain((JArray)view["outputs"]!, o => (string?)o["file"] == "export.zip"); // no link is offered to a deleted package
        // The certificate stays, and still verifies.
        Assert.Equal(VerificationStatus.Valid, CertificateVerifier.Verify((await subject.OutputAsync("certificate.json"))!, subject.PublicKeyPem).Status);

        // Later nights leave minimised requests alone.
        var (_, later, _) = await subject.ReconcileAsync(night.AddDays(1), At(night.AddDays(1)));
        Assert.DoesNotContain("minimised", later, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheExportPackageIsSealedAtRestAndDeletedAfterItsRetentionWithAnAuditEventWhileTheRequestsDataStays()
    {
        await using var subject = await ErasedSubject.StartAsync(accessFirst: true);
        await subject.ConfigureAsync(c => c["ExportPackageRetentionDays"] = 7);
        var access = subject.AccessRequestId!;
        var raw = (await new Azure.Storage.Blobs.BlobContainerClient(subject.Systems.Storage.ConnectionString, StoreNames.OutputsContainer)
            .GetBlobClient($"{access}/export.zip").DownloadContentAsync(Ct)).Value.Content.ToArray();
        Assert.False(raw.AsSpan(0, 2).SequenceEqual("PK"u8)); // sealed: a reader of the storage account without the key gets no zip
        await using (var package = (await subject.Systems.Service<IOutputStore>().OpenAsync(access, "export.zip", Ct))!)
        {
            using var plain = new MemoryStream();
            await package.Content.CopyToAsync(plain, Ct);
            plain.Position = 0;
            Assert.True((await PrivacySync.Core.Assembly.ExportPackageReader.VerifyAsync(plain, Ct)).IsValid);
        }

        var (_, before, _) = await subject.ReconcileAsync(subject.CompletedOn.AddDays(6), At(subject.CompletedOn.AddDays(6)));
        Assert.DoesNotContain("minimised\t" + access, before, StringComparison.Ordinal);
        Assert.NotNull(await subject.Systems.Service<IOutputStore>().OpenAsync(access, "export.zip", Ct));

        var night = subject.CompletedOn.AddDays(7);
        var (code, output, _) = await subject.ReconcileAsync(night, At(night));

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("minimised\t" + access, output, StringComparison.Ordinal);
        Assert.Null(await subject.Systems.Service<IOutputStore>().OpenAsync(access, "export.zip", Ct));
        var stored = (await subject.Systems.Service<IRequestStore>().GetAsync(access, Ct))!.Value;
        Assert.DoesNotContain("export.zip", stored.Outputs);
        Assert.Null(stored.MinimisedAt); // the request's own data is kept until RequestDataRetentionDays
        Assert.Null(stored.PendingEvent);
        Assert.NotNull(await subject.Systems.Service<ISubjectStore>().GetAsync(access, Ct));
        var events = await subject.Systems.Service<IAuditLog>().ReadAsync(access, Ct);
        var deleted = Assert.Single(events, e => e.Action == AuditActions.PackageDeleted);
        Assert.Equal("export.zip", deleted.Details!["files"]);
        Assert.True(TestAudit.Chain.Verify(events).IsValid);

        // The next night has nothing more to delete, and the later minimisation finds no package.
        var (_, next, _) = await subject.ReconcileAsync(night.AddDays(1), At(night.AddDays(1)));
        Assert.DoesNotContain("minimised\t" + access, next, StringComparison.Ordinal);
        Assert.Single(await subject.Systems.Service<IAuditLog>().ReadAsync(access, Ct), e => e.Action == AuditActions.PackageDeleted);
    }

    private static async Task<IReadOnlyList<string>> BlobsAsync(StorageClients clients, string container, string requestId)
    {
        var names = new List<string>();
        await foreach (var blob in clients.Container(container).GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, requestId + "/", Ct))
        {
            names.Add(blob.Name);
        }

        return names;
    }
}
