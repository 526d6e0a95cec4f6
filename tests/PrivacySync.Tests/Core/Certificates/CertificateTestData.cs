using PrivacySync.Core.Assembly;
using PrivacySync.Core.Certificates;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Tests.Core.Certificates;

internal static class CertificateTestData
{
    public const string Email = "Kari.Nordmann@Example.no";

    public static readonly byte[] Salt = "per-deployment-salt-for-tests-0123456789"u8.ToArray();

    public static readonly LegalEntityDetails Entity = new("nordvik-no", "Nordvik Consulting AS", "NO", "Datatilsynet", "personvern@nordvik.example");

    public static RequestSummary Request(string language = "en") =>
        new("req-2026-0042", "erasure", "nordvik-no", "Nordvik Consulting AS", new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 3), language, new DateTimeOffset(2026, 2, 20, 8, 0, 0, TimeSpan.Zero));

    public static IReadOnlyList<SystemResult> Results() =>
    [
        SystemResult.Success("hubspot", "HubSpot", [
            new CategoryOutcome("contacts", OutcomeKind.Erased, 1),
            new CategoryOutcome("web-analytics", OutcomeKind.Anonymised, 140),
            CategoryOutcome.NotFound("deals"),
        ]),
        SystemResult.Success("finance", "Finance", [
            CategoryOutcome.Retained("invoices", 12, "Bokføringsloven § 13", new DateOnly(2031, 12, 31)),
        ]),
        SystemResult.Success("hr", "HR system", [CategoryOutcome.ManualAction("paper-archive", "Shred folder 12 in the Bodø archive.")]),
        SystemResult.Failure("m365", "Microsoft 365", "Graph returned 403: grant Mail.ReadWrite."),
    ];

    public static DeletionCertificate Certificate(string language = "en") =>
        DeletionCertificate.Create("cert-0001", Request(language), Entity, Results(), SubjectReference.Compute(Email, Salt));
}
