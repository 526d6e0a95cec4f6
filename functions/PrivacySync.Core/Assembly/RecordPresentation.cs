using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Core.Assembly;

/// <summary>
/// Makes a record readable for the subject: internal ids and hashes left out (they tell the subject nothing and a
/// hash of their national id is not theirs to decode), known codes decoded (HubSpot deal stages, ticket statuses,
/// directions), field labels in the subject's language, and dates in the one format of the language.
/// </summary>
internal static partial class RecordPresentation
{
    /// <summary>Whether a field is an internal identifier or a hash, left out of everything the subject receives.</summary>
    public static bool IsInternal(string name, JToken? value)
    {
        if (InternalName().IsMatch(name))
        {
            return true;
        }

        return value?.Type == JTokenType.String && InternalValue().IsMatch((string)value!);
    }

    /// <summary>The record without internal ids and hashes.</summary>
    public static JObject Minimise(JObject fields)
    {
        if (!fields.Properties().Any(p => IsInternal(p.Name, p.Value)))
        {
            return fields;
        }

        return new JObject(fields.Properties().Where(p => !IsInternal(p.Name, p.Value)).Select(p => new JProperty(p.Name, p.Value)));
    }

    /// <summary>The record as the subject reads it in <paramref name="language"/>: labels translated, codes decoded, dates localised.</summary>
    public static JObject ForSubject(JObject fields, string category, string language)
    {
        var result = new JObject();
        foreach (var property in fields.Properties())
        {
            if (IsInternal(property.Name, property.Value))
            {
                continue;
            }

            var label = Label(property.Name, language);
            if (result.ContainsKey(label))
            {
                label = property.Name;
            }

            result[label] = property.Value is JValue { Type: JTokenType.String } text ? Value(category, property.Name, (string)text!, language) : property.Value;
        }

        return result;
    }

    private static string Value(string category, string field, string value, string language)
    {
        if (Codes.TryGetValue((Normalise(category), field, value), out var decoded) || Codes.TryGetValue(("*", field, value), out decoded))
        {
            return Pick(decoded, language);
        }

        if (IsoDate().IsMatch(value) && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return LocalDates.Format(date, language);
        }

        if (IsoTimestamp().IsMatch(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            var utc = time.ToUniversalTime();
            return string.Create(CultureInfo.InvariantCulture, $"{LocalDates.Format(DateOnly.FromDateTime(utc.UtcDateTime), language)} {utc:HH:mm} UTC");
        }

        return value;
    }

    private static string Label(string name, string language) =>
        language == Languages.English ? name : Labels.TryGetValue(name, out var texts) ? Pick(texts, language) : name;

    private static string Normalise(string category) => category.ToLowerInvariant();

    private static string Pick((string En, string Nb, string Sv) texts, string language) => language switch
    {
        Languages.Norwegian => texts.Nb,
        Languages.Swedish => texts.Sv,
        _ => texts.En,
    };

    // Codes the connectors pass through as the source system stores them: HubSpot's default pipelines and engagement fields.
    private static readonly Dictionary<(string Category, string Field, string Value), (string, string, string)> Codes = new()
    {
        [("deals", "Stage", "appointmentscheduled")] = ("Appointment scheduled", "Møte avtalt", "Möte bokat"),
        [("deals", "Stage", "qualifiedtobuy")] = ("Qualified to buy", "Kvalifisert kjøper", "Kvalificerad köpare"),
        [("deals", "Stage", "presentationscheduled")] = ("Presentation scheduled", "Presentasjon avtalt", "Presentation bokad"),
        [("deals", "Stage", "decisionmakerboughtin")] = ("Decision maker bought in", "Beslutningstaker med på laget", "Beslutsfattare med på tåget"),
        [("deals", "Stage", "contractsent")] = ("Contract sent", "Kontrakt sendt", "Avtal skickat"),
        [("deals", "Stage", "closedwon")] = ("Won", "Vunnet", "Vunnen"),
        [("deals", "Stage", "closedlost")] = ("Lost", "Tapt", "Förlorad"),
        [("tickets", "Status", "1")] = ("New", "Ny", "Ny"),
        [("tickets", "Status", "2")] = ("Waiting on you", "Venter på deg", "Väntar på dig"),
        [("tickets", "Status", "3")] = ("Waiting on us", "Venter på oss", "Väntar på oss"),
        [("tickets", "Status", "4")] = ("Closed", "Lukket", "Stängd"),
        [("*", "Direction", "INCOMING_EMAIL")] = ("From you", "Fra deg", "Från dig"),
        [("*", "Direction", "EMAIL")] = ("To you", "Til deg", "Till dig"),
        [("*", "Direction", "FORWARDED_EMAIL")] = ("Forwarded", "Videresendt", "Vidarebefordrat"),
        [("*", "Direction", "INBOUND")] = ("From you", "Fra deg", "Från dig"),
        [("*", "Direction", "OUTBOUND")] = ("To you", "Til deg", "Till dig"),
        [("*", "Your link to it", "Associated")] = ("Linked", "Knyttet til", "Kopplad"),
        [("*", "Set by", "CRM_UI")] = ("Our staff", "Våre ansatte", "Vår personal"),
        [("*", "Set by", "FORM")] = ("You, in a form", "Deg, i et skjema", "Dig, i ett formulär"),
        [("*", "Set by", "IMPORT")] = ("An import", "En import", "En import"),
        [("*", "Set by", "API")] = ("An integration", "En integrasjon", "En integration"),
        [("*", "Status", "SUBSCRIBED")] = ("Subscribed", "Abonnerer", "Prenumererar"),
        [("*", "Status", "NOT_SUBSCRIBED")] = ("Not subscribed", "Abonnerer ikke", "Prenumererar inte"),
        [("*", "accountEnabled", "True")] = ("Yes", "Ja", "Ja"),
        [("*", "accountEnabled", "False")] = ("No", "Nei", "Nej"),
    };

    // The connectors' field labels (HubSpot, Microsoft 365, the sample HR mapping) in Norwegian and Swedish.
    private static readonly Dictionary<string, (string, string, string)> Labels = new(StringComparer.Ordinal)
    {
        ["Company"] = ("Company", "Selskap", "Företag"),
        ["Domain"] = ("Domain", "Domene", "Domän"),
        ["Deal"] = ("Deal", "Avtale", "Affär"),
        ["Stage"] = ("Stage", "Fase", "Fas"),
        ["Amount"] = ("Amount", "Beløp", "Belopp"),
        ["Close date"] = ("Close date", "Avslutningsdato", "Slutdatum"),
        ["Ticket"] = ("Ticket", "Sak", "Ärende"),
        ["Description"] = ("Description", "Beskrivelse", "Beskrivning"),
        ["Status"] = ("Status", "Status", "Status"),
        ["Created"] = ("Created", "Opprettet", "Skapad"),
        ["Date"] = ("Date", "Dato", "Datum"),
        ["Note"] = ("Note", "Notat", "Anteckning"),
        ["Direction"] = ("Direction", "Retning", "Riktning"),
        ["Subject"] = ("Subject", "Emne", "Ämne"),
        ["Text"] = ("Text", "Tekst", "Text"),
        ["Title"] = ("Title", "Tittel", "Rubrik"),
        ["Notes"] = ("Notes", "Notater", "Anteckningar"),
        ["Duration (ms)"] = ("Duration (ms)", "Varighet (ms)", "Längd (ms)"),
        ["Start"] = ("Start", "Start", "Start"),
        ["End"] = ("End", "Slutt", "Slut"),
        ["Type"] = ("Type", "Type", "Typ"),
        ["Your link to it"] = ("Your link to it", "Din tilknytning", "Din koppling"),
        ["Property"] = ("Property", "Opplysning", "Uppgift"),
        ["Earlier value"] = ("Earlier value", "Tidligere verdi", "Tidigare värde"),
        ["Set at"] = ("Set at", "Endret", "Ändrad"),
        ["Set by"] = ("Set by", "Endret av", "Ändrad av"),
        ["Email address"] = ("Email address", "E-postadresse", "E-postadress"),
        ["Email"] = ("Email", "E-post", "E-post"),
        ["First Name"] = ("First Name", "Fornavn", "Förnamn"),
        ["Last Name"] = ("Last Name", "Etternavn", "Efternamn"),
        ["Phone Number"] = ("Phone Number", "Telefonnummer", "Telefonnummer"),
        ["Mobile Phone Number"] = ("Mobile Phone Number", "Mobilnummer", "Mobilnummer"),
        ["Job Title"] = ("Job Title", "Stilling", "Titel"),
        ["Company Name"] = ("Company Name", "Selskapsnavn", "Företagsnamn"),
        ["City"] = ("City", "Sted", "Ort"),
        ["Country/Region"] = ("Country/Region", "Land", "Land"),
        ["Street Address"] = ("Street Address", "Gateadresse", "Gatuadress"),
        ["Postal Code"] = ("Postal Code", "Postnummer", "Postnummer"),
        ["Create Date"] = ("Create Date", "Opprettet", "Skapad"),
        ["Last Modified Date"] = ("Last Modified Date", "Sist endret", "Senast ändrad"),
        ["Lifecycle Stage"] = ("Lifecycle Stage", "Livsløpsfase", "Livscykelfas"),
        ["Subscription"] = ("Subscription", "Abonnement", "Prenumeration"),
        ["Legal basis recorded in HubSpot"] = ("Legal basis recorded in HubSpot", "Rettslig grunnlag registrert i HubSpot", "Rättslig grund registrerad i HubSpot"),
        ["Legal basis explanation"] = ("Legal basis explanation", "Forklaring av rettslig grunnlag", "Förklaring av rättslig grund"),
        ["Source of status"] = ("Source of status", "Kilde for status", "Källa för status"),
        ["Form"] = ("Form", "Skjema", "Formulär"),
        ["Submitted at"] = ("Submitted at", "Sendt", "Skickat"),
        ["Page"] = ("Page", "Side", "Sida"),
        ["mailbox"] = ("Mailbox", "Postkasse", "Brevlåda"),
        ["subject"] = ("Subject", "Emne", "Ämne"),
        ["from"] = ("From", "Fra", "Från"),
        ["to"] = ("To", "Til", "Till"),
        ["cc"] = ("Copy", "Kopi", "Kopia"),
        ["received"] = ("Received", "Mottatt", "Mottaget"),
        ["sent"] = ("Sent", "Sendt", "Skickat"),
        ["body"] = ("Text", "Tekst", "Text"),
        ["start"] = ("Start", "Start", "Start"),
        ["end"] = ("End", "Slutt", "Slut"),
        ["location"] = ("Location", "Sted", "Plats"),
        ["organizer"] = ("Organiser", "Arrangør", "Organisatör"),
        ["attendees"] = ("Attendees", "Deltakere", "Deltagare"),
        ["displayName"] = ("Name", "Navn", "Namn"),
        ["givenName"] = ("First name", "Fornavn", "Förnamn"),
        ["surname"] = ("Last name", "Etternavn", "Efternamn"),
        ["mail"] = ("E-mail", "E-post", "E-post"),
        ["userPrincipalName"] = ("User name", "Brukernavn", "Användarnamn"),
        ["jobTitle"] = ("Job title", "Stilling", "Titel"),
        ["department"] = ("Department", "Avdeling", "Avdelning"),
        ["officeLocation"] = ("Office", "Kontor", "Kontor"),
        ["mobilePhone"] = ("Mobile", "Mobil", "Mobil"),
        ["businessPhones"] = ("Work phone", "Jobbtelefon", "Arbetstelefon"),
        ["employeeId"] = ("Employee number", "Ansattnummer", "Anställningsnummer"),
        ["accountEnabled"] = ("Account active", "Konto aktivt", "Konto aktivt"),
        ["created"] = ("Created", "Opprettet", "Skapad"),
        ["modified"] = ("Changed", "Endret", "Ändrad"),
        ["emailAddresses"] = ("E-mail addresses", "E-postadresser", "E-postadresser"),
        ["companyName"] = ("Company", "Selskap", "Företag"),
        ["name"] = ("Name", "Navn", "Namn"),
        ["path"] = ("Folder", "Mappe", "Mapp"),
        ["size"] = ("Size (bytes)", "Størrelse (byte)", "Storlek (byte)"),
        ["mimeType"] = ("File type", "Filtype", "Filtyp"),
        ["webUrl"] = ("Address", "Adresse", "Adress"),
        ["content"] = ("Content", "Innhold", "Innehåll"),
        ["description"] = ("Description", "Beskrivelse", "Beskrivning"),
        ["Employee number"] = ("Employee number", "Ansattnummer", "Anställningsnummer"),
        ["First name"] = ("First name", "Fornavn", "Förnamn"),
        ["Last name"] = ("Last name", "Etternavn", "Efternamn"),
        ["Date of birth"] = ("Date of birth", "Fødselsdato", "Födelsedatum"),
        ["Work e-mail"] = ("Work e-mail", "Jobb-e-post", "Arbetsmejl"),
        ["Private phone"] = ("Private phone", "Privat telefon", "Privat telefon"),
        ["Private address"] = ("Private address", "Privat adresse", "Privat adress"),
        ["Salary account"] = ("Salary account", "Lønnskonto", "Lönekonto"),
        ["Employed from"] = ("Employed from", "Ansatt fra", "Anställd från"),
        ["Employed until"] = ("Employed until", "Ansatt til", "Anställd till"),
        ["Job title"] = ("Job title", "Stilling", "Titel"),
        ["Contract type"] = ("Contract type", "Avtaletype", "Avtalstyp"),
        ["Monthly salary (NOK/SEK)"] = ("Monthly salary (NOK/SEK)", "Månedslønn (NOK/SEK)", "Månadslön (NOK/SEK)"),
        ["Start date"] = ("Start date", "Startdato", "Startdatum"),
        ["End date"] = ("End date", "Sluttdato", "Slutdatum"),
        ["Pay date"] = ("Pay date", "Utbetalingsdato", "Utbetalningsdag"),
        ["Gross pay"] = ("Gross pay", "Bruttolønn", "Bruttolön"),
        ["Tax withheld"] = ("Tax withheld", "Skattetrekk", "Skatteavdrag"),
        ["Net pay"] = ("Net pay", "Nettolønn", "Nettolön"),
        ["Paid to account"] = ("Paid to account", "Utbetalt til konto", "Utbetalt till konto"),
        ["Pay code"] = ("Pay code", "Lønnsart", "Löneart"),
        ["Type of absence"] = ("Type of absence", "Fraværstype", "Frånvarotyp"),
        ["From"] = ("From", "Fra", "Från"),
        ["To"] = ("To", "Til", "Till"),
        ["Documented by"] = ("Documented by", "Dokumentert med", "Styrkt med"),
    };

    // Ids ("HubSpot id", "messageId", "objectId") and hashed values ("National identity number (hashed)").
    [GeneratedRegex(@"^(id|HubSpot id|objectId|messageId|eventId|contactId|groupId|itemId|conversionId)$|\(hashed\)", RegexOptions.CultureInvariant)]
    private static partial Regex InternalName();

    // Graph item ids (AAMkAG…) and bare SHA-256 / HMAC hex digests.
    [GeneratedRegex(@"^(AAMk[A-Za-z0-9+/=_-]{16,}|[0-9a-fA-F]{64})$", RegexOptions.CultureInvariant)]
    private static partial Regex InternalValue();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoTimestamp();
}
