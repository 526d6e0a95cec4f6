using System.Globalization;
using PrivacySync.Core.Assembly;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Core.Certificates;

/// <summary>
/// The subject-facing sentence for each outcome in Norwegian (nb), Swedish (sv) and English (en). Technical failure
/// reasons are deliberately not part of the sentence: they are written for the privacy office and travel in the
/// document's "reason" field instead.
/// </summary>
public static class OutcomeStatements
{
    // {0} category, {1} system, {2} legal basis, {3} date, {4} field (rectification).
    private sealed record Table(
        string Exported,
        string Erased,
        string Anonymised,
        string Pseudonymised,
        string NotFound,
        string RetainedUntil,
        string RetainedOpenEnded,
        string ManualAction,
        string Failed,
        string Unsubscribed,
        string SystemFailed,
        string UnnamedBasis,
        string RetentionEnded,
        string Rectified,
        string Refused,
        string Restricted,
        string Lifted);

    private static readonly Table English = new(
        Exported: "A copy of your data in the category “{0}” in {1} is included in your export.",
        Erased: "Your data in the category “{0}” in {1} has been erased.",
        Anonymised: "Your data in the category “{0}” in {1} has been anonymised and can no longer be linked to you.",
        Pseudonymised: "Your data in the category “{0}” in {1} has been pseudonymised: what identifies you was replaced by a code whose key we hold separately, so it is still personal data.",
        NotFound: "We hold no data about you in the category “{0}” in {1}.",
        RetainedUntil: "Your data in the category “{0}” in {1} is retained until {3} under {2}, and will be erased then.",
        RetainedOpenEnded: "Your data in the category “{0}” in {1} is retained under {2} for as long as that requires.",
        ManualAction: "Handling your data in the category “{0}” in {1} needs a manual step by our staff; we will confirm when it is done.",
        Failed: "We could not yet complete your request for the category “{0}” in {1}; we are following this up.",
        Unsubscribed: "You have been unsubscribed from direct marketing (“{0}”) in {1}.",
        SystemFailed: "We could not complete your request in {1}; we are following this up and will confirm separately.",
        UnnamedBasis: "the applicable law",
        RetentionEnded: "Your data in the category “{0}” in {1} was kept under {2} until {3}; that period has ended and the data will be erased without undue delay.",
        Rectified: "“{4}” in the category “{0}” in {1} has been corrected as you asked.",
        Refused: "We could not correct “{4}” in {1}: the system does not keep it in a form we can change. If it holds it, our staff will correct it by hand.",
        Restricted: "Processing of your data in the category “{0}” in {1} is restricted: we store it and use it for nothing else without your consent, for legal claims or to protect others (GDPR Art. 18).",
        Lifted: "The restriction of processing of your data in the category “{0}” in {1} has been lifted.");

    private static readonly Table Norwegian = new(
        Exported: "En kopi av opplysningene dine i kategorien «{0}» i {1} er med i utleveringen.",
        Erased: "Opplysningene dine i kategorien «{0}» i {1} er slettet.",
        Anonymised: "Opplysningene dine i kategorien «{0}» i {1} er anonymisert og kan ikke lenger knyttes til deg.",
        Pseudonymised: "Opplysningene dine i kategorien «{0}» i {1} er pseudonymisert: det som identifiserer deg, er erstattet med en kode der vi oppbevarer nøkkelen atskilt, så de er fortsatt personopplysninger.",
        NotFound: "Vi har ingen opplysninger om deg i kategorien «{0}» i {1}.",
        RetainedUntil: "Opplysningene dine i kategorien «{0}» i {1} oppbevares til {3} med hjemmel i {2}, og slettes deretter.",
        RetainedOpenEnded: "Opplysningene dine i kategorien «{0}» i {1} oppbevares med hjemmel i {2} så lenge det kreves.",
        ManualAction: "Behandlingen av opplysningene dine i kategorien «{0}» i {1} krever et manuelt steg fra våre ansatte; vi bekrefter når det er gjort.",
        Failed: "Vi har ennå ikke kunnet fullføre henvendelsen din for kategorien «{0}» i {1}; vi følger dette opp.",
        Unsubscribed: "Du er meldt av direkte markedsføring («{0}») i {1}.",
        SystemFailed: "Vi kunne ikke fullføre henvendelsen din i {1}; vi følger dette opp og bekrefter separat.",
        UnnamedBasis: "gjeldende lov",
        RetentionEnded: "Opplysningene dine i kategorien «{0}» i {1} ble oppbevart med hjemmel i {2} til {3}; den perioden er over, og opplysningene slettes uten ugrunnet opphold.",
        Rectified: "Opplysningen «{4}» i kategorien «{0}» i {1} er rettet slik du ba om.",
        Refused: "Vi kunne ikke rette «{4}» i {1}: systemet lagrer ikke opplysningen i en form vi kan endre. Hvis systemet har den, retter våre ansatte den manuelt.",
        Restricted: "Behandlingen av opplysningene dine i kategorien «{0}» i {1} er begrenset: vi lagrer dem og bruker dem ikke til noe annet uten ditt samtykke, for rettskrav eller for å verne andre (personvernforordningen art. 18).",
        Lifted: "Begrensningen av behandlingen av opplysningene dine i kategorien «{0}» i {1} er opphevet.");

    private static readonly Table Swedish = new(
        Exported: "En kopia av dina uppgifter i kategorin ”{0}” i {1} ingår i ditt registerutdrag.",
        Erased: "Dina uppgifter i kategorin ”{0}” i {1} har raderats.",
        Anonymised: "Dina uppgifter i kategorin ”{0}” i {1} har anonymiserats och kan inte längre kopplas till dig.",
        Pseudonymised: "Dina uppgifter i kategorin ”{0}” i {1} har pseudonymiserats: det som identifierar dig har ersatts med en kod vars nyckel vi förvarar separat, så de är fortfarande personuppgifter.",
        NotFound: "Vi har inga uppgifter om dig i kategorin ”{0}” i {1}.",
        RetainedUntil: "Dina uppgifter i kategorin ”{0}” i {1} sparas till och med {3} med stöd av {2} och raderas därefter.",
        RetainedOpenEnded: "Dina uppgifter i kategorin ”{0}” i {1} sparas med stöd av {2} så länge det krävs.",
        ManualAction: "Hanteringen av dina uppgifter i kategorin ”{0}” i {1} kräver ett manuellt steg av vår personal; vi bekräftar när det är gjort.",
        Failed: "Vi har ännu inte kunnat slutföra din begäran för kategorin ”{0}” i {1}; vi följer upp detta.",
        Unsubscribed: "Du har avregistrerats från direktmarknadsföring (”{0}”) i {1}.",
        SystemFailed: "Vi kunde inte slutföra din begäran i {1}; vi följer upp detta och bekräftar separat.",
        UnnamedBasis: "tillämplig lag",
        RetentionEnded: "Dina uppgifter i kategorin ”{0}” i {1} sparades med stöd av {2} till och med {3}; den perioden har gått ut och uppgifterna raderas utan onödigt dröjsmål.",
        Rectified: "Uppgiften ”{4}” i kategorin ”{0}” i {1} har rättats så som du begärde.",
        Refused: "Vi kunde inte rätta ”{4}” i {1}: systemet lagrar inte uppgiften i en form vi kan ändra. Om systemet har den rättar vår personal den manuellt.",
        Restricted: "Behandlingen av dina uppgifter i kategorin ”{0}” i {1} är begränsad: vi lagrar dem och använder dem inte till något annat utan ditt samtycke, för rättsliga anspråk eller för att skydda andra (dataskyddsförordningen artikel 18).",
        Lifted: "Begränsningen av behandlingen av dina uppgifter i kategorin ”{0}” i {1} har hävts.");

    /// <summary>The sentence for one category's outcome in one system, naming the category and basis as the connector did.</summary>
    public static string Describe(CategoryOutcome outcome, string systemName, string? language)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return Describe(outcome, outcome.Category, systemName, outcome.LegalBasis, language, null, outcome.Field);
    }

    /// <summary>
    /// The sentence for one category's outcome in one system, with the subject-facing <paramref name="label"/> and
    /// <paramref name="ground"/> (for retained data: the configured Art. 17(3) exemption and law, not the Art. 6 basis).
    /// A retention end before <paramref name="asOf"/> is said to have passed.
    /// </summary>
    /// <param name="fieldLabel">The corrected field as the subject reads it; the outcome's field name when absent.</param>
    public static string Describe(CategoryOutcome outcome, string label, string systemName, string? ground, string? language, DateOnly? asOf, string? fieldLabel = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var table = For(language);
        var template = outcome.Kind switch
        {
            OutcomeKind.Exported => table.Exported,
            OutcomeKind.Erased => table.Erased,
            OutcomeKind.Anonymised => table.Anonymised,
            OutcomeKind.Pseudonymised => table.Pseudonymised,
            OutcomeKind.NotFound => table.NotFound,
            OutcomeKind.Retained when outcome.RetainedUntil is { } until && asOf is { } today && until < today => table.RetentionEnded,
            OutcomeKind.Retained when outcome.RetainedUntil is not null => table.RetainedUntil,
            OutcomeKind.Retained => table.RetainedOpenEnded,
            OutcomeKind.ManualActionRequired => table.ManualAction,
            OutcomeKind.Failed => table.Failed,
            OutcomeKind.Unsubscribed => table.Unsubscribed,
            OutcomeKind.Rectified => table.Rectified,
            OutcomeKind.Refused => table.Refused,
            OutcomeKind.Restricted => table.Restricted,
            OutcomeKind.Lifted => table.Lifted,
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome.Kind, "Unknown outcome kind."),
        };
        var date = outcome.RetainedUntil is { } d ? LocalDates.Format(d, Languages.Normalise(language)) : string.Empty;
        return string.Format(CultureInfo.InvariantCulture, template, label, systemName, string.IsNullOrWhiteSpace(ground) ? table.UnnamedBasis : ground, date, fieldLabel ?? outcome.Field ?? label);
    }

    /// <summary>The sentence for a system whose task failed as a whole.</summary>
    public static string DescribeSystemFailure(string systemName, string? language) =>
        string.Format(CultureInfo.InvariantCulture, For(language).SystemFailed, string.Empty, systemName);

    private static Table For(string? language) => Languages.Normalise(language) switch
    {
        Languages.Norwegian => Norwegian,
        Languages.Swedish => Swedish,
        _ => English,
    };
}
