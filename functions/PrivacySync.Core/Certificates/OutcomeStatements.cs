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
    // {0} category, {1} system, {2} legal basis, {3} date.
    private sealed record Table(
        string Exported,
        string Erased,
        string Anonymised,
        string NotFound,
        string RetainedUntil,
        string RetainedOpenEnded,
        string ManualAction,
        string Failed,
        string Unsubscribed,
        string SystemFailed,
        string UnnamedBasis,
        string DateFormat);

    private static readonly Table English = new(
        Exported: "A copy of your data in the category “{0}” in {1} is included in your export.",
        Erased: "Your data in the category “{0}” in {1} has been erased.",
        Anonymised: "Your data in the category “{0}” in {1} has been anonymised and can no longer be linked to you.",
        NotFound: "We hold no data about you in the category “{0}” in {1}.",
        RetainedUntil: "Your data in the category “{0}” in {1} is retained until {3} under {2}, and will be erased then.",
        RetainedOpenEnded: "Your data in the category “{0}” in {1} is retained under {2} for as long as that requires.",
        ManualAction: "Handling your data in the category “{0}” in {1} needs a manual step by our staff; we will confirm when it is done.",
        Failed: "We could not yet complete your request for the category “{0}” in {1}; we are following this up.",
        Unsubscribed: "You have been unsubscribed from direct marketing (“{0}”) in {1}.",
        SystemFailed: "We could not complete your request in {1}; we are following this up and will confirm separately.",
        UnnamedBasis: "the applicable law",
        DateFormat: "d MMMM yyyy");

    private static readonly Table Norwegian = new(
        Exported: "En kopi av opplysningene dine i kategorien «{0}» i {1} er med i utleveringen.",
        Erased: "Opplysningene dine i kategorien «{0}» i {1} er slettet.",
        Anonymised: "Opplysningene dine i kategorien «{0}» i {1} er anonymisert og kan ikke lenger knyttes til deg.",
        NotFound: "Vi har ingen opplysninger om deg i kategorien «{0}» i {1}.",
        RetainedUntil: "Opplysningene dine i kategorien «{0}» i {1} oppbevares til {3} med hjemmel i {2}, og slettes deretter.",
        RetainedOpenEnded: "Opplysningene dine i kategorien «{0}» i {1} oppbevares med hjemmel i {2} så lenge det kreves.",
        ManualAction: "Behandlingen av opplysningene dine i kategorien «{0}» i {1} krever et manuelt steg fra våre ansatte; vi bekrefter når det er gjort.",
        Failed: "Vi har ennå ikke kunnet fullføre henvendelsen din for kategorien «{0}» i {1}; vi følger dette opp.",
        Unsubscribed: "Du er meldt av direkte markedsføring («{0}») i {1}.",
        SystemFailed: "Vi kunne ikke fullføre henvendelsen din i {1}; vi følger dette opp og bekrefter separat.",
        UnnamedBasis: "gjeldende lov",
        DateFormat: "dd.MM.yyyy");

    private static readonly Table Swedish = new(
        Exported: "En kopia av dina uppgifter i kategorin ”{0}” i {1} ingår i ditt registerutdrag.",
        Erased: "Dina uppgifter i kategorin ”{0}” i {1} har raderats.",
        Anonymised: "Dina uppgifter i kategorin ”{0}” i {1} har anonymiserats och kan inte längre kopplas till dig.",
        NotFound: "Vi har inga uppgifter om dig i kategorin ”{0}” i {1}.",
        RetainedUntil: "Dina uppgifter i kategorin ”{0}” i {1} sparas till och med {3} med stöd av {2} och raderas därefter.",
        RetainedOpenEnded: "Dina uppgifter i kategorin ”{0}” i {1} sparas med stöd av {2} så länge det krävs.",
        ManualAction: "Hanteringen av dina uppgifter i kategorin ”{0}” i {1} kräver ett manuellt steg av vår personal; vi bekräftar när det är gjort.",
        Failed: "Vi har ännu inte kunnat slutföra din begäran för kategorin ”{0}” i {1}; vi följer upp detta.",
        Unsubscribed: "Du har avregistrerats från direktmarknadsföring (”{0}”) i {1}.",
        SystemFailed: "Vi kunde inte slutföra din begäran i {1}; vi följer upp detta och bekräftar separat.",
        UnnamedBasis: "tillämplig lag",
        DateFormat: "yyyy-MM-dd");

    /// <summary>The sentence for one category's outcome in one system.</summary>
    public static string Describe(CategoryOutcome outcome, string systemName, string? language)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var table = For(language);
        var template = outcome.Kind switch
        {
            OutcomeKind.Exported => table.Exported,
            OutcomeKind.Erased => table.Erased,
            OutcomeKind.Anonymised => table.Anonymised,
            OutcomeKind.NotFound => table.NotFound,
            OutcomeKind.Retained when outcome.RetainedUntil is not null => table.RetainedUntil,
            OutcomeKind.Retained => table.RetainedOpenEnded,
            OutcomeKind.ManualActionRequired => table.ManualAction,
            OutcomeKind.Failed => table.Failed,
            OutcomeKind.Unsubscribed => table.Unsubscribed,
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome.Kind, "Unknown outcome kind."),
        };
        var date = outcome.RetainedUntil?.ToString(table.DateFormat, CultureInfo.InvariantCulture) ?? string.Empty;
        return string.Format(CultureInfo.InvariantCulture, template, outcome.Category, systemName, string.IsNullOrWhiteSpace(outcome.LegalBasis) ? table.UnnamedBasis : outcome.LegalBasis, date);
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
