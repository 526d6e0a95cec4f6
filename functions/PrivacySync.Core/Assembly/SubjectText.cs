using PrivacySync.Core.Requests;

namespace PrivacySync.Core.Assembly;

/// <summary>
/// The Art. 15 sections of summary.html and the letters, in the subject's language (nb, sv, en). Placeholders are
/// filled with encoded values only; these constants are the only unencoded text in the documents.
/// </summary>
internal sealed record SubjectText
{
    public required string PersonalData { get; init; }
    public required string Recipients { get; init; }
    public required string NoRecipients { get; init; }
    public required string OutsideEea { get; init; }          // {0} country, {1} safeguard
    public required string AutomatedDecisions { get; init; }
    public required string NoAutomatedDecisions { get; init; }
    public required string RetentionPassed { get; init; }     // {0} records
    public required string FromConnector { get; init; }
    public required string RightsHeading { get; init; }
    public required IReadOnlyList<string> Rights { get; init; }
    public required string ComplaintHeading { get; init; }
    public required string Complaint { get; init; }          // {0} authority
    public required string ContactHeading { get; init; }
    public required string Contact { get; init; }            // {0} mailbox
    public required string Processor { get; init; }          // {0} controller
    public required string Greeting { get; init; }
    public required string SignOff { get; init; }
    public required string PrivacyOffice { get; init; }
    public required string AccessTitle { get; init; }
    public required string AccessIntro { get; init; }        // {0} received date
    public required string AccessEnclosed { get; init; }
    public required string AccessPending { get; init; }
    public required string ErasureTitle { get; init; }
    public required string ErasureIntro { get; init; }       // {0} received, {1} completed
    public required string Category { get; init; }
    public required string WhatWeDid { get; init; }
    public required string Records { get; init; }
    public required string System { get; init; }
    public required string Erased { get; init; }
    public required string Anonymised { get; init; }
    public required string Pseudonymised { get; init; }
    public required string PseudonymisedExplained { get; init; }
    public required string RetainedUntil { get; init; }      // {0} date, {1} ground
    public required string RetainedOpenEnded { get; init; }  // {0} ground
    public required string RetentionOver { get; init; }
    public required string NotFound { get; init; }
    public required string ManualAction { get; init; }
    public required string NotCompleted { get; init; }
    public required string Unsubscribed { get; init; }
    public required string SystemFailed { get; init; }
    public required string Exported { get; init; }
    public required string CaveatsHeading { get; init; }
    public required string AddressBlocklisted { get; init; } // {0} system
    public required string MailboxHold { get; init; }        // {0} system
    public required string Backups { get; init; }            // {0} system, {1} days
    public required string RecipientsHeading { get; init; }
    public required string Article19 { get; init; }          // {0} recipients
    public required string Article19None { get; init; }
    public required string RectificationTitle { get; init; }
    public required string RectificationIntro { get; init; } // {0} received, {1} completed
    public required string Field { get; init; }
    public required string RectificationRecipients { get; init; } // {0} recipients
    public required string RectificationRecipientsNone { get; init; }
    public required string RestrictionTitle { get; init; }
    public required string RestrictionIntro { get; init; }   // {0} received, {1} completed, {2} ground
    public required IReadOnlyDictionary<RestrictionGround, string> RestrictionGrounds { get; init; }
    public required string RestrictionLift { get; init; }
    public required string RestrictionRecipients { get; init; } // {0} recipients
    public required string RestrictionRecipientsNone { get; init; }
    public required string RestrictionHolds { get; init; }
    public required string LiftTitle { get; init; }
    public required string LiftIntro { get; init; }          // {0} received, {1} request id, {2} since, {3} lift from
    public required string LiftRights { get; init; }   // {0} since, {1} ground, {2} request id

    public string GroundText(RestrictionGround ground) => RestrictionGrounds[ground];
    public required string RemediesHeading { get; init; }
    public required string Remedies { get; init; }           // {0} authority
    public required string VerifyHeading { get; init; }
    public required string Verify { get; init; }             // {0} key id
    public required string VerifyKeyAt { get; init; }        // {0} url
    public required string VerifyKeyAsk { get; init; }       // {0} mailbox
    public required string VerifyCommand { get; init; }
    public required string Date { get; init; }

    public static readonly SubjectText English = new()
    {
        PersonalData = "Personal data",
        Recipients = "Recipients",
        NoRecipients = "We do not disclose this data to anyone else.",
        OutsideEea = "processed in {0}, outside the EEA; safeguard: {1}",
        AutomatedDecisions = "Automated decisions and profiling",
        NoAutomatedDecisions = "We make no automated decisions, including profiling, with this data.",
        RetentionPassed = "The retention period has passed for {0} of these records; we will erase them.",
        FromConnector = "Described by the system itself; not yet in our records of processing.",
        RightsHeading = "Your rights",
        Rights =
        [
            "Rectification (Art. 16): you may have incorrect data corrected and incomplete data completed.",
            "Erasure (Art. 17): you may ask us to erase data we no longer need, or that we process on your consent which you withdraw.",
            "Restriction (Art. 18): you may ask us to limit processing while you dispute its accuracy or lawfulness, or when you need the data for a legal claim.",
            "Data portability (Art. 20): you may receive the data you gave us, which we process on your consent or a contract, in a machine-readable format, or have it sent to someone else.",
            "Objection (Art. 21): you may object to processing based on our legitimate interest, and at any time to direct marketing, including profiling for it.",
            "Withdrawing consent (Art. 7(3)): where we rely on your consent, you may withdraw it at any time; this does not affect processing before you withdrew it.",
        ],
        ComplaintHeading = "Complaints",
        Complaint = "You may complain to the supervisory authority, {0}.",
        ContactHeading = "Contact",
        Contact = "Write to our privacy office at {0} about this request or your rights.",
        Processor = "We process this data on behalf of {0}, who decides how it is used. Requests about it are answered through them.",
        Greeting = "Hello,",
        SignOff = "Kind regards",
        PrivacyOffice = "Privacy office",
        AccessTitle = "Your request for access to your personal data",
        AccessIntro = "We received your request on {0}. This letter and the enclosed package answer it (GDPR Art. 15).",
        AccessEnclosed = "The enclosed summary.html lists, for each of our systems and each category of data, what we hold, why, on which legal basis, who receives it, where it came from and how long we keep it. The same data is in machine-readable JSON and CSV files (Art. 20).",
        AccessPending = "We could not yet retrieve your data from the systems below. We are following this up and will send you the rest without undue delay:",
        ErasureTitle = "Confirmation of your request for erasure",
        ErasureIntro = "We received your request for erasure on {0} and completed it on {1} (GDPR Art. 17). Below is what we did in each system.",
        Category = "Category",
        WhatWeDid = "What we did",
        Records = "Records",
        System = "System",
        Erased = "Erased",
        Anonymised = "Anonymised: the data can no longer be linked to you",
        Pseudonymised = "Pseudonymised",
        PseudonymisedExplained = "Pseudonymised means that the details identifying you were replaced by a code. We hold the key to that code separately and protected; the data therefore still counts as personal data about you and is protected as such.",
        RetainedUntil = "Kept until {0}: {1}. Erased then.",
        RetainedOpenEnded = "Kept while required: {0}. Erased when the period ends.",
        RetentionOver = "The retention period has ended; we will erase this data without undue delay.",
        NotFound = "We held no data",
        ManualAction = "Our staff are handling this by hand; we will confirm when it is done",
        NotCompleted = "Not yet completed; we are following this up",
        Unsubscribed = "Unsubscribed from direct marketing",
        SystemFailed = "We could not complete your request in this system yet; we will confirm separately.",
        Exported = "Included in your copy",
        CaveatsHeading = "Good to know",
        AddressBlocklisted = "{0} keeps your e-mail address on a suppression list so that it cannot be added or imported again. The list is used for nothing else.",
        MailboxHold = "Where a mailbox in {0} is under a legal hold, copies of erased messages stay in protected storage until the hold ends. They are not used for anything else.",
        Backups = "Erased data stays in the backups of {0} until they are overwritten, within {1} days. Backups are used only to restore the system after a failure.",
        RecipientsHeading = "Recipients of your data (Art. 19)",
        Article19 = "We inform those to whom your data was disclosed of the erasure, unless this proves impossible or involves disproportionate effort: {0}. Ask us and we will tell you about them.",
        Article19None = "We had not disclosed the erased data to anyone else.",
        RectificationTitle = "Confirmation of your request for rectification",
        RectificationIntro = "We received your request for rectification on {0} and completed it on {1} (GDPR Art. 16). Below is what we corrected in each system.",
        Field = "Information",
        RectificationRecipients = "We will tell those to whom the corrected data was disclosed about the correction, unless this proves impossible or involves disproportionate effort (GDPR Art. 19): {0}. Ask us and we will tell you about them.",
        RectificationRecipientsNone = "We had not disclosed the corrected data to anyone else.",
        RestrictionTitle = "Confirmation of your request for restriction of processing",
        RestrictionIntro = "We received your request for restriction of processing on {0} and carried it out on {1} (GDPR Art. 18), because {2}. From now on we only store the data below; we use it otherwise only with your consent, for legal claims, to protect another person or for an important public interest. Below is what we restricted in each system.",
        RestrictionGrounds = new Dictionary<RestrictionGround, string>
        {
            [RestrictionGround.AccuracyContested] = "you contest that the data is accurate, for the time it takes us to check it (Art. 18(1)(a))",
            [RestrictionGround.UnlawfulProcessing] = "you hold the processing unlawful and asked for restriction instead of erasure (Art. 18(1)(b))",
            [RestrictionGround.LegalClaims] = "we no longer need the data, but you need it for legal claims (Art. 18(1)(c))",
            [RestrictionGround.ObjectionPending] = "you objected to the processing and we are checking whether our grounds override yours (Art. 18(1)(d))",
        },
        RestrictionLift = "We will tell you before we lift the restriction (GDPR Art. 18(3)).",
        RestrictionRecipients = "We will tell those to whom the data was disclosed about the restriction, unless this proves impossible or involves disproportionate effort (GDPR Art. 19): {0}. Ask us and we will tell you about them.",
        RestrictionRecipientsNone = "We had not disclosed the restricted data to anyone else.",
        LiftTitle = "We will lift the restriction of processing of your data",
        LiftIntro = "On {0} you asked us to restrict the processing of your data (request {1}); it has been restricted since {2}. We are letting you know before we lift the restriction, as GDPR Art. 18(3) requires: from {3} we will process the data again for the purposes we told you about.",
        LiftRights = "If you disagree, contact us before that day. You may object to the processing (Art. 21), ask for erasure (Art. 17) or for your data to be corrected (Art. 16).",
        RestrictionHolds = "Processing of your data is restricted since {0} (GDPR Art. 18), because {1} (request {2}): we store it and use it for nothing else without your consent while the restriction holds.",
        RemediesHeading = "If you are not satisfied",
        Remedies = "Where we keep data or could not act on part of your request, the reasons are given above. You may complain to {0} and seek a judicial remedy (GDPR Art. 12(4), 77 and 79).",
        VerifyHeading = "How to check the certificate",
        Verify = "The enclosed certificate.json states the same outcomes and is signed with our key (ECDSA P-256, key id {0}). If anyone changes a single character, the check fails.",
        VerifyKeyAt = "Our public key is published at {0}.",
        VerifyKeyAsk = "Ask {0} for our public key.",
        VerifyCommand = "Check it with one command:",
        Date = "Date",
    };

    public static readonly SubjectText Norwegian = new()
    {
        PersonalData = "Personopplysninger",
        Recipients = "Mottakere",
        NoRecipients = "Vi utleverer ikke disse opplysningene til andre.",
        OutsideEea = "behandles i {0}, utenfor EØS; garanti: {1}",
        AutomatedDecisions = "Automatiserte avgjørelser og profilering",
        NoAutomatedDecisions = "Vi treffer ingen automatiserte avgjørelser, heller ikke profilering, med disse opplysningene.",
        RetentionPassed = "Lagringstiden er ute for {0} av disse postene; vi sletter dem.",
        FromConnector = "Beskrevet av systemet selv; ennå ikke i vår behandlingsprotokoll.",
        RightsHeading = "Dine rettigheter",
        Rights =
        [
            "Retting (art. 16): du kan få uriktige opplysninger rettet og ufullstendige opplysninger supplert.",
            "Sletting (art. 17): du kan be oss slette opplysninger vi ikke lenger trenger, eller som vi behandler på grunnlag av et samtykke du trekker tilbake.",
            "Begrensning (art. 18): du kan be oss begrense behandlingen mens du bestrider at den er riktig eller lovlig, eller når du trenger opplysningene til et rettskrav.",
            "Dataportabilitet (art. 20): du kan få opplysningene du har gitt oss, og som vi behandler på grunnlag av samtykke eller avtale, i et maskinlesbart format, eller få dem overført til en annen.",
            "Innsigelse (art. 21): du kan protestere mot behandling som bygger på vår berettigede interesse, og når som helst mot direkte markedsføring, også profilering for dette formålet.",
            "Tilbaketrekking av samtykke (art. 7 nr. 3): der vi bygger på ditt samtykke, kan du når som helst trekke det tilbake; det påvirker ikke behandlingen før du trakk det tilbake.",
        ],
        ComplaintHeading = "Klage",
        Complaint = "Du kan klage til tilsynsmyndigheten, {0}.",
        ContactHeading = "Kontakt",
        Contact = "Skriv til personvernkontoret vårt på {0} om denne henvendelsen eller dine rettigheter.",
        Processor = "Vi behandler disse opplysningene på vegne av {0}, som bestemmer hvordan de brukes. Henvendelser om dem besvares gjennom dem.",
        Greeting = "Hei,",
        SignOff = "Med vennlig hilsen",
        PrivacyOffice = "Personvernkontoret",
        AccessTitle = "Svar på din forespørsel om innsyn i personopplysninger",
        AccessIntro = "Vi mottok forespørselen din {0}. Dette brevet og den vedlagte pakken er svaret vårt (personvernforordningen art. 15).",
        AccessEnclosed = "Den vedlagte filen summary.html viser, for hvert av systemene våre og hver kategori opplysninger, hva vi har, hvorfor, med hvilket rettslig grunnlag, hvem som mottar det, hvor det kommer fra og hvor lenge vi lagrer det. De samme opplysningene finnes i maskinlesbare JSON- og CSV-filer (art. 20).",
        AccessPending = "Vi har ennå ikke fått hentet opplysningene dine fra systemene nedenfor. Vi følger dette opp og sender deg resten uten ugrunnet opphold:",
        ErasureTitle = "Bekreftelse på din forespørsel om sletting",
        ErasureIntro = "Vi mottok forespørselen din om sletting {0} og fullførte den {1} (personvernforordningen art. 17). Nedenfor ser du hva vi har gjort i hvert system.",
        Category = "Kategori",
        WhatWeDid = "Hva vi har gjort",
        Records = "Poster",
        System = "System",
        Erased = "Slettet",
        Anonymised = "Anonymisert: opplysningene kan ikke lenger knyttes til deg",
        Pseudonymised = "Pseudonymisert",
        PseudonymisedExplained = "Pseudonymisert betyr at opplysningene som identifiserer deg, er erstattet med en kode. Nøkkelen til koden oppbevarer vi atskilt og sikret; opplysningene regnes derfor fortsatt som personopplysninger om deg og er beskyttet som det.",
        RetainedUntil = "Lagres til {0}: {1}. Slettes deretter.",
        RetainedOpenEnded = "Lagres så lenge det kreves: {0}. Slettes når perioden er over.",
        RetentionOver = "Lagringstiden er ute; vi sletter disse opplysningene uten ugrunnet opphold.",
        NotFound = "Vi hadde ingen opplysninger",
        ManualAction = "Våre ansatte håndterer dette manuelt; vi bekrefter når det er gjort",
        NotCompleted = "Ikke fullført ennå; vi følger dette opp",
        Unsubscribed = "Meldt av direkte markedsføring",
        SystemFailed = "Vi har ennå ikke fått fullført forespørselen din i dette systemet; vi bekrefter separat.",
        Exported = "Med i kopien din",
        CaveatsHeading = "Greit å vite",
        AddressBlocklisted = "{0} beholder e-postadressen din på en sperreliste slik at den ikke kan legges inn eller importeres på nytt. Listen brukes ikke til noe annet.",
        MailboxHold = "Der en postkasse i {0} er underlagt rettslig bevaring (hold), blir kopier av slettede meldinger liggende i beskyttet lagring til bevaringen opphører. De brukes ikke til noe annet.",
        Backups = "Slettede opplysninger blir liggende i sikkerhetskopiene av {0} til de overskrives, innen {1} dager. Sikkerhetskopiene brukes bare til å gjenopprette systemet etter en feil.",
        RecipientsHeading = "Mottakere av opplysningene dine (art. 19)",
        Article19 = "Vi underretter dem som har mottatt opplysningene dine om slettingen, med mindre det viser seg umulig eller uforholdsmessig vanskelig: {0}. Spør oss, så forteller vi deg om dem.",
        Article19None = "Vi hadde ikke utlevert de slettede opplysningene til andre.",
        RectificationTitle = "Bekreftelse på din forespørsel om retting",
        RectificationIntro = "Vi mottok forespørselen din om retting {0} og fullførte den {1} (personvernforordningen art. 16). Nedenfor ser du hva vi har rettet i hvert system.",
        Field = "Opplysning",
        RectificationRecipients = "Vi underretter dem som har mottatt de rettede opplysningene om rettingen, med mindre det viser seg umulig eller uforholdsmessig vanskelig (personvernforordningen art. 19): {0}. Spør oss, så forteller vi deg om dem.",
        RectificationRecipientsNone = "Vi hadde ikke utlevert de rettede opplysningene til andre.",
        RestrictionTitle = "Bekreftelse på din forespørsel om begrensning av behandling",
        RestrictionIntro = "Vi mottok forespørselen din om begrensning av behandlingen {0} og gjennomførte den {1} (personvernforordningen art. 18), fordi {2}. Fra nå av lagrer vi bare opplysningene nedenfor; ellers bruker vi dem bare med ditt samtykke, for rettskrav, for å verne en annen person eller av hensyn til viktige allmenne interesser. Nedenfor ser du hva vi har begrenset i hvert system.",
        RestrictionGrounds = new Dictionary<RestrictionGround, string>
        {
            [RestrictionGround.AccuracyContested] = "du bestrider at opplysningene er riktige, så lenge vi kontrollerer dem (art. 18 nr. 1 bokstav a)",
            [RestrictionGround.UnlawfulProcessing] = "du mener behandlingen er ulovlig og ba om begrensning i stedet for sletting (art. 18 nr. 1 bokstav b)",
            [RestrictionGround.LegalClaims] = "vi trenger ikke lenger opplysningene, men du trenger dem for et rettskrav (art. 18 nr. 1 bokstav c)",
            [RestrictionGround.ObjectionPending] = "du har protestert mot behandlingen, og vi undersøker om våre grunner går foran dine (art. 18 nr. 1 bokstav d)",
        },
        RestrictionLift = "Vi gir deg beskjed før vi opphever begrensningen (personvernforordningen art. 18 nr. 3).",
        RestrictionRecipients = "Vi underretter dem som har mottatt opplysningene om begrensningen, med mindre det viser seg umulig eller uforholdsmessig vanskelig (personvernforordningen art. 19): {0}. Spør oss, så forteller vi deg om dem.",
        RestrictionRecipientsNone = "Vi hadde ikke utlevert de begrensede opplysningene til andre.",
        LiftTitle = "Vi opphever begrensningen av behandlingen av opplysningene dine",
        LiftIntro = "Den {0} ba du oss begrense behandlingen av opplysningene dine (forespørsel {1}); behandlingen har vært begrenset siden {2}. Vi gir deg beskjed før vi opphever begrensningen, slik personvernforordningen art. 18 nr. 3 krever: fra {3} behandler vi opplysningene igjen for de formålene vi har opplyst deg om.",
        LiftRights = "Hvis du er uenig, kontakt oss før den dagen. Du kan protestere mot behandlingen (art. 21), be om sletting (art. 17) eller om retting av opplysningene (art. 16).",
        RestrictionHolds = "Behandlingen av opplysningene dine er begrenset fra {0} (personvernforordningen art. 18), fordi {1} (forespørsel {2}): vi lagrer dem og bruker dem ikke til noe annet uten ditt samtykke så lenge begrensningen gjelder.",
        RemediesHeading = "Hvis du ikke er fornøyd",
        Remedies = "Der vi beholder opplysninger eller ikke har kunnet etterkomme deler av forespørselen, står begrunnelsen ovenfor. Du kan klage til {0} og bringe saken inn for domstolene (personvernforordningen art. 12 nr. 4, art. 77 og art. 79).",
        VerifyHeading = "Slik kontrollerer du sertifikatet",
        Verify = "Det vedlagte sertifikatet certificate.json sier det samme og er signert med nøkkelen vår (ECDSA P-256, nøkkel-id {0}). Endrer noen et eneste tegn, feiler kontrollen.",
        VerifyKeyAt = "Den offentlige nøkkelen vår er publisert på {0}.",
        VerifyKeyAsk = "Be {0} om den offentlige nøkkelen vår.",
        VerifyCommand = "Kontroller det med én kommando:",
        Date = "Dato",
    };

    public static readonly SubjectText Swedish = new()
    {
        PersonalData = "Personuppgifter",
        Recipients = "Mottagare",
        NoRecipients = "Vi lämnar inte ut dessa uppgifter till någon annan.",
        OutsideEea = "behandlas i {0}, utanför EES; skyddsåtgärd: {1}",
        AutomatedDecisions = "Automatiserade beslut och profilering",
        NoAutomatedDecisions = "Vi fattar inga automatiserade beslut, inte heller profilering, med dessa uppgifter.",
        RetentionPassed = "Lagringstiden har gått ut för {0} av dessa poster; vi raderar dem.",
        FromConnector = "Beskrivet av systemet självt; ännu inte i vårt register över behandlingar.",
        RightsHeading = "Dina rättigheter",
        Rights =
        [
            "Rättelse (artikel 16): du kan få felaktiga uppgifter rättade och ofullständiga uppgifter kompletterade.",
            "Radering (artikel 17): du kan be oss radera uppgifter som vi inte längre behöver, eller som vi behandlar med stöd av ett samtycke som du återkallar.",
            "Begränsning (artikel 18): du kan be oss begränsa behandlingen medan du bestrider att den är korrekt eller laglig, eller när du behöver uppgifterna för ett rättsligt anspråk.",
            "Dataportabilitet (artikel 20): du kan få de uppgifter du har lämnat till oss, och som vi behandlar med stöd av samtycke eller avtal, i ett maskinläsbart format, eller få dem överförda till någon annan.",
            "Invändning (artikel 21): du kan invända mot behandling som grundar sig på vårt berättigade intresse, och när som helst mot direktmarknadsföring, även profilering för detta ändamål.",
            "Återkallelse av samtycke (artikel 7.3): när vi grundar behandlingen på ditt samtycke kan du när som helst återkalla det; det påverkar inte behandlingen innan du återkallade det.",
        ],
        ComplaintHeading = "Klagomål",
        Complaint = "Du kan lämna klagomål till tillsynsmyndigheten, {0}.",
        ContactHeading = "Kontakt",
        Contact = "Skriv till vårt dataskyddsombud på {0} om denna begäran eller dina rättigheter.",
        Processor = "Vi behandlar dessa uppgifter för {0}, som bestämmer hur de används. Begäranden om dem besvaras genom dem.",
        Greeting = "Hej,",
        SignOff = "Med vänliga hälsningar",
        PrivacyOffice = "Dataskyddsfunktionen",
        AccessTitle = "Svar på din begäran om tillgång till dina personuppgifter",
        AccessIntro = "Vi tog emot din begäran {0}. Detta brev och det bifogade paketet är vårt svar (dataskyddsförordningen artikel 15).",
        AccessEnclosed = "Den bifogade filen summary.html visar, för vart och ett av våra system och varje kategori av uppgifter, vad vi har, varför, med vilken rättslig grund, vem som tar emot det, varifrån det kommer och hur länge vi sparar det. Samma uppgifter finns i maskinläsbara JSON- och CSV-filer (artikel 20).",
        AccessPending = "Vi har ännu inte kunnat hämta dina uppgifter från systemen nedan. Vi följer upp detta och skickar resten till dig utan onödigt dröjsmål:",
        ErasureTitle = "Bekräftelse av din begäran om radering",
        ErasureIntro = "Vi tog emot din begäran om radering {0} och slutförde den {1} (dataskyddsförordningen artikel 17). Nedan ser du vad vi har gjort i varje system.",
        Category = "Kategori",
        WhatWeDid = "Vad vi har gjort",
        Records = "Poster",
        System = "System",
        Erased = "Raderade",
        Anonymised = "Anonymiserade: uppgifterna kan inte längre kopplas till dig",
        Pseudonymised = "Pseudonymiserade",
        PseudonymisedExplained = "Pseudonymiserade betyder att de uppgifter som identifierar dig har ersatts med en kod. Nyckeln till koden förvarar vi separat och skyddat; uppgifterna räknas därför fortfarande som personuppgifter om dig och skyddas som sådana.",
        RetainedUntil = "Sparas till och med {0}: {1}. Raderas därefter.",
        RetainedOpenEnded = "Sparas så länge det krävs: {0}. Raderas när perioden är slut.",
        RetentionOver = "Lagringstiden har gått ut; vi raderar dessa uppgifter utan onödigt dröjsmål.",
        NotFound = "Vi hade inga uppgifter",
        ManualAction = "Vår personal hanterar detta manuellt; vi bekräftar när det är klart",
        NotCompleted = "Inte slutfört ännu; vi följer upp detta",
        Unsubscribed = "Avregistrerad från direktmarknadsföring",
        SystemFailed = "Vi har ännu inte kunnat slutföra din begäran i detta system; vi bekräftar separat.",
        Exported = "Ingår i din kopia",
        CaveatsHeading = "Bra att veta",
        AddressBlocklisted = "{0} behåller din e-postadress på en spärrlista så att den inte kan läggas in eller importeras igen. Listan används inte till något annat.",
        MailboxHold = "Där en brevlåda i {0} omfattas av ett bevarandebeslut (hold) ligger kopior av raderade meddelanden kvar i skyddad lagring tills beslutet upphör. De används inte till något annat.",
        Backups = "Raderade uppgifter finns kvar i säkerhetskopiorna av {0} tills de skrivs över, inom {1} dagar. Säkerhetskopiorna används bara för att återställa systemet efter ett fel.",
        RecipientsHeading = "Mottagare av dina uppgifter (artikel 19)",
        Article19 = "Vi underrättar dem som har fått dina uppgifter om raderingen, om det inte visar sig omöjligt eller innebär en oproportionerligt stor ansträngning: {0}. Fråga oss, så berättar vi om dem.",
        Article19None = "Vi hade inte lämnat ut de raderade uppgifterna till någon annan.",
        RectificationTitle = "Bekräftelse av din begäran om rättelse",
        RectificationIntro = "Vi tog emot din begäran om rättelse {0} och slutförde den {1} (dataskyddsförordningen artikel 16). Nedan ser du vad vi har rättat i varje system.",
        Field = "Uppgift",
        RectificationRecipients = "Vi underrättar dem som har fått de rättade uppgifterna om rättelsen, om det inte visar sig omöjligt eller innebär en oproportionerligt stor ansträngning (dataskyddsförordningen artikel 19): {0}. Fråga oss, så berättar vi om dem.",
        RectificationRecipientsNone = "Vi hade inte lämnat ut de rättade uppgifterna till någon annan.",
        RestrictionTitle = "Bekräftelse av din begäran om begränsning av behandling",
        RestrictionIntro = "Vi tog emot din begäran om begränsning av behandlingen {0} och genomförde den {1} (dataskyddsförordningen artikel 18), eftersom {2}. Från och med nu lagrar vi bara uppgifterna nedan; i övrigt använder vi dem bara med ditt samtycke, för rättsliga anspråk, för att skydda någon annan eller av hänsyn till ett viktigt allmänintresse. Nedan ser du vad vi har begränsat i varje system.",
        RestrictionGrounds = new Dictionary<RestrictionGround, string>
        {
            [RestrictionGround.AccuracyContested] = "du bestrider att uppgifterna är korrekta, under den tid det tar för oss att kontrollera dem (artikel 18.1 a)",
            [RestrictionGround.UnlawfulProcessing] = "du anser att behandlingen är olaglig och begärde begränsning i stället för radering (artikel 18.1 b)",
            [RestrictionGround.LegalClaims] = "vi behöver inte längre uppgifterna, men du behöver dem för rättsliga anspråk (artikel 18.1 c)",
            [RestrictionGround.ObjectionPending] = "du har invänt mot behandlingen och vi kontrollerar om våra skäl väger tyngre än dina (artikel 18.1 d)",
        },
        RestrictionLift = "Vi meddelar dig innan vi häver begränsningen (dataskyddsförordningen artikel 18.3).",
        RestrictionRecipients = "Vi underrättar dem som har fått uppgifterna om begränsningen, om det inte visar sig omöjligt eller innebär en oproportionerligt stor ansträngning (dataskyddsförordningen artikel 19): {0}. Fråga oss, så berättar vi om dem.",
        RestrictionRecipientsNone = "Vi hade inte lämnat ut de begränsade uppgifterna till någon annan.",
        LiftTitle = "Vi häver begränsningen av behandlingen av dina uppgifter",
        LiftIntro = "Den {0} bad du oss begränsa behandlingen av dina uppgifter (begäran {1}); behandlingen har varit begränsad sedan {2}. Vi meddelar dig innan vi häver begränsningen, så som dataskyddsförordningen artikel 18.3 kräver: från och med {3} behandlar vi uppgifterna igen för de ändamål vi har informerat dig om.",
        LiftRights = "Om du inte håller med, kontakta oss före den dagen. Du kan invända mot behandlingen (artikel 21), begära radering (artikel 17) eller rättelse av uppgifterna (artikel 16).",
        RestrictionHolds = "Behandlingen av dina uppgifter är begränsad sedan {0} (dataskyddsförordningen artikel 18), eftersom {1} (begäran {2}): vi lagrar dem och använder dem inte till något annat utan ditt samtycke så länge begränsningen gäller.",
        RemediesHeading = "Om du inte är nöjd",
        Remedies = "Där vi sparar uppgifter eller inte har kunnat tillmötesgå delar av din begäran står skälen ovan. Du kan lämna klagomål till {0} och gå till domstol (dataskyddsförordningen artikel 12.4, 77 och 79).",
        VerifyHeading = "Så kontrollerar du intyget",
        Verify = "Det bifogade intyget certificate.json anger samma sak och är signerat med vår nyckel (ECDSA P-256, nyckel-id {0}). Ändrar någon ett enda tecken misslyckas kontrollen.",
        VerifyKeyAt = "Vår publika nyckel finns på {0}.",
        VerifyKeyAsk = "Be {0} om vår publika nyckel.",
        VerifyCommand = "Kontrollera det med ett kommando:",
        Date = "Datum",
    };

    public static SubjectText For(string? language) => Languages.Normalise(language) switch
    {
        Languages.Norwegian => Norwegian,
        Languages.Swedish => Swedish,
        _ => English,
    };
}
