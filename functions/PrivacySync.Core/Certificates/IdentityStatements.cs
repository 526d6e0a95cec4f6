using System.Globalization;
using PrivacySync.Core.Assembly;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Core.Certificates;

/// <summary>
/// The subject-facing sentence, in nb, sv or en, saying that the identifiers in the request did not lead to exactly
/// one person in a system and how a privacy officer settled it. Certificates and export packages carry it per system.
/// </summary>
public static class IdentityStatements
{
    // {0} system; {1} dropped identifiers. DroppedNothingLeft: the officer set identifiers aside and the rest reached nothing.
    private sealed record Table(string Confirmed, string Dropped, string ConfirmedAndDropped, string DroppedNothingLeft, IReadOnlyDictionary<string, string> Names);

    private static readonly Table English = new(
        "In {0}, the details in your request did not lead to exactly one person. A privacy officer checked this and confirmed which record is yours; only that record was handled.",
        "In {0}, some of the details in your request ({1}) also led to someone else. A privacy officer set them aside; only records matching your other details were handled.",
        "In {0}, the details in your request did not lead to exactly one person. A privacy officer set some of them aside ({1}) and confirmed which record is yours; only that record was handled.",
        "In {0}, some of the details in your request ({1}) led to someone else. A privacy officer set them aside; nothing in {0} matched your other details, so nothing was changed there.",
        new Dictionary<string, string>
        {
            [SubjectIdentifiers.AdditionalEmail] = "additional email addresses",
            [SubjectIdentifiers.EmployeeId] = "employee number",
            [SubjectIdentifiers.NationalId] = "national identity number",
            [SubjectIdentifiers.Phone] = "phone number",
            [SubjectIdentifiers.Name] = "name",
            [SubjectIdentifiers.SystemId] = "system reference",
        });

    private static readonly Table Norwegian = new(
        "I {0} førte opplysningene i henvendelsen din ikke til nøyaktig én person. En personvernansvarlig har kontrollert dette og bekreftet hvilken registrering som er din; bare den ble behandlet.",
        "I {0} førte noen av opplysningene i henvendelsen din ({1}) også til en annen person. En personvernansvarlig har holdt dem utenfor; bare registreringer som passer de øvrige opplysningene dine ble behandlet.",
        "I {0} førte opplysningene i henvendelsen din ikke til nøyaktig én person. En personvernansvarlig har holdt noen av dem utenfor ({1}) og bekreftet hvilken registrering som er din; bare den ble behandlet.",
        "I {0} førte noen av opplysningene i henvendelsen din ({1}) til en annen person. En personvernansvarlig har holdt dem utenfor; ingenting i {0} passet de øvrige opplysningene dine, så ingenting ble endret der.",
        new Dictionary<string, string>
        {
            [SubjectIdentifiers.AdditionalEmail] = "ekstra e-postadresser",
            [SubjectIdentifiers.EmployeeId] = "ansattnummer",
            [SubjectIdentifiers.NationalId] = "fødselsnummer",
            [SubjectIdentifiers.Phone] = "telefonnummer",
            [SubjectIdentifiers.Name] = "navn",
            [SubjectIdentifiers.SystemId] = "systemreferanse",
        });

    private static readonly Table Swedish = new(
        "I {0} ledde uppgifterna i din begäran inte till exakt en person. En dataskyddsansvarig har kontrollerat detta och bekräftat vilken post som är din; bara den har hanterats.",
        "I {0} ledde några av uppgifterna i din begäran ({1}) även till en annan person. En dataskyddsansvarig har lagt dem åt sidan; bara poster som stämmer med dina övriga uppgifter har hanterats.",
        "I {0} ledde uppgifterna i din begäran inte till exakt en person. En dataskyddsansvarig har lagt några av dem åt sidan ({1}) och bekräftat vilken post som är din; bara den har hanterats.",
        "I {0} ledde några av uppgifterna i din begäran ({1}) till en annan person. En dataskyddsansvarig har lagt dem åt sidan; inget i {0} stämde med dina övriga uppgifter, så inget har ändrats där.",
        new Dictionary<string, string>
        {
            [SubjectIdentifiers.AdditionalEmail] = "ytterligare e-postadresser",
            [SubjectIdentifiers.EmployeeId] = "anställningsnummer",
            [SubjectIdentifiers.NationalId] = "personnummer",
            [SubjectIdentifiers.Phone] = "telefonnummer",
            [SubjectIdentifiers.Name] = "namn",
            [SubjectIdentifiers.SystemId] = "systemreferens",
        });

    /// <summary>The sentence, or null when no officer had to settle the subject's identity in this system.</summary>
    /// <param name="nothingHandled">True when the system's task found nothing of the subject once the decisions applied.</param>
    public static string? Describe(
        IReadOnlyCollection<string> confirmedRecords, IReadOnlyCollection<string> droppedIdentifiers, string systemName, string? language, bool nothingHandled = false)
    {
        if (confirmedRecords.Count == 0 && droppedIdentifiers.Count == 0)
        {
            return null;
        }

        var table = Languages.Normalise(language) switch
        {
            Languages.Norwegian => Norwegian,
            Languages.Swedish => Swedish,
            _ => English,
        };
        var dropped = string.Join(", ", droppedIdentifiers.Select(d => table.Names.TryGetValue(d, out var name) ? name : d));
        var template = (confirmedRecords.Count > 0, droppedIdentifiers.Count > 0) switch
        {
            (true, false) => table.Confirmed,
            (false, true) when nothingHandled => table.DroppedNothingLeft,
            (false, true) => table.Dropped,
            _ => table.ConfirmedAndDropped,
        };
        return string.Format(CultureInfo.InvariantCulture, template, systemName, dropped);
    }
}
