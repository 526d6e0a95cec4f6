using System.Globalization;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Common;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Deadlines;
using PrivacySync.Core.Requests;
using PrivacySync.Functions.Api;

namespace PrivacySync.Functions.Intake;

/// <summary>
/// Checks every field of the Teams form (infra/teams/request-form.en.card.json plus submissionId and
/// controllerInstruction; who submits comes from the token) and reports all problems together. Lengths follow the card's maxLength.
/// </summary>
internal static class SubmissionValidator
{
    /// <summary>The GDPR applies from this day; an earlier receipt date is a typo.</summary>
    private static readonly DateOnly GdprApplies = new(2018, 5, 25);

    /// <summary>Validates the form of <paramref name="submittedBy"/>, the officer the call acts for (from the token, never the body).</summary>
    public static (SubmissionForm? Form, IReadOnlyList<ApiError> Errors) Validate(JObject body, PrivacySyncOptions options, TimeProvider time, string submittedBy)
    {
        var fields = new BodyFields(body);
        var type = fields.RequiredChoice<RequestType>("requestType");
        var name = fields.Required("subjectName", 200);
        var email = Email(fields);
        var phone = Phone(fields);
        var employeeId = fields.Optional("employeeId", 64);
        var entity = Entity(fields, options);
        var language = fields.OptionalChoice<Language>("language");
        var receivedOn = ReceivedOn(fields, entity, time);
        var verification = fields.RequiredChoice<IdentityVerification>("identityVerification");
        var notes = fields.Optional("notes", 2000, multiline: true);
        var submissionId = fields.Required("submissionId", 128);
        var instruction = ControllerInstruction(fields, entity);
        var corrections = Corrections(fields, type, entity, options);
        var ground = Ground(fields, type);
        fields.RejectUnknown();

        if (fields.Errors.Count > 0)
        {
            return (null, fields.Errors);
        }

        var form = new SubmissionForm(
            type!.Value,
            new SubjectIdentity(email!, name, phone, employeeId),
            entity!,
            language,
            receivedOn!.Value,
            verification!.Value,
            notes,
            submissionId!,
            submittedBy,
            instruction,
            corrections,
            ground);
        return (form, []);
    }

    /// <summary>A restriction names the situation of Art. 18(1) it relies on; any other request type takes none.</summary>
    private static RestrictionGround? Ground(BodyFields fields, RequestType? type)
    {
        const string Name = "restrictionGround";
        var ground = fields.OptionalChoice<RestrictionGround>(Name);
        if (type is null || fields.Errors.Any(e => e.Field == Name))
        {
            return ground;
        }

        if (type == RequestType.Restriction && ground is null)
        {
            fields.Add(Name, $"is required for a restriction (GDPR Art. 18(1)): {WireNames.Describe<RestrictionGround>()}");
        }
        else if (type != RequestType.Restriction && ground is not null)
        {
            fields.Add(Name, "only for a restriction request");
        }

        return ground;
    }

    /// <summary>At most this many corrections in one request (the card's text area holds one per line).</summary>
    public const int MaxCorrections = 20;

    /// <summary>
    /// A rectification's corrections, one "field: new value" per line (the card's text area; the API takes the same
    /// text). Each field must be one some system of the entity allows rectifying; systems that do not are refused per
    /// system later, as outcomes. Any other request type takes none.
    /// </summary>
    private static IReadOnlyList<FieldCorrection>? Corrections(BodyFields fields, RequestType? type, LegalEntityOptions? entity, PrivacySyncOptions options)
    {
        const string Name = "corrections";
        var text = fields.Optional(Name, 4000, multiline: true);
        if (type is null)
        {
            return null;
        }

        if (type != RequestType.Rectification)
        {
            if (text is not null)
            {
                fields.Add(Name, "only for a rectification request");
            }

            return null;
        }

        if (text is null)
        {
            fields.Add(Name, "is required for a rectification: one 'field: new value' per line");
            return null;
        }

        var known = entity is null
            ? []
            : options.ResolveSystems(entity.Id!, RequestType.Rectification).SelectMany(s => s.Rectification).Select(f => f.Field!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var corrections = new List<FieldCorrection>();
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            var field = colon > 0 ? lines[i][..colon].Trim() : null;
            var value = colon > 0 ? lines[i][(colon + 1)..].Trim() : null;
            var problem = field is null || string.IsNullOrEmpty(value)
                ? "must be 'field: new value' (an empty value is not a correction; ask for erasure instead)"
                : entity is not null && !known.Contains(field, StringComparer.Ordinal)
                    ? $"'{field}' is not a field any system of {entity.Name} allows rectifying; use one of {(known.Count == 0 ? "(none configured)" : string.Join(", ", known))}"
                    : corrections.Any(c => c.Field == field)
                        ? $"'{field}' is given twice"
                        : value!.Length > 500
                            ? $"the value for '{field}' must be at most 500 characters"
                            : field == "email" && !EmailGrammar.IsValid(value)
                                ? $"the value for 'email' {EmailGrammar.Rule}"
                                : null;
            if (problem is not null)
            {
                fields.Add(Name, $"line {i + 1}: {problem}");
                continue;
            }

            corrections.Add(new FieldCorrection(field!, value!));
        }

        if (corrections.Count > MaxCorrections)
        {
            fields.Add(Name, $"at most {MaxCorrections} corrections in one request");
        }

        return corrections;
    }

    private static string? Email(BodyFields fields)
    {
        var email = fields.Required("subjectEmail", 254);
        if (email is null)
        {
            return null;
        }

        // One plain dot-atom address: what every connector can search for as data, never as query syntax.
        if (EmailGrammar.IsValid(email))
        {
            return email;
        }

        fields.Add("subjectEmail", EmailGrammar.Rule);
        return null;
    }

    private static string? Phone(BodyFields fields)
    {
        var phone = fields.Optional("subjectPhone", 32);
        if (phone is null)
        {
            return null;
        }

        var digits = phone.Count(char.IsAsciiDigit);
        var valid = digits >= 5
            && phone.Select((c, i) => char.IsAsciiDigit(c) || c is ' ' or '-' or '(' or ')' or '.' or '/' || (c == '+' && i == 0)).All(ok => ok);
        if (!valid)
        {
            fields.Add("subjectPhone", "must be a phone number: digits with an optional leading '+' and spaces, '-', '.', '/' or parentheses");
            return null;
        }

        return phone;
    }

    private static LegalEntityOptions? Entity(BodyFields fields, PrivacySyncOptions options)
    {
        var id = fields.RequiredPlainId("legalEntity", "a legal entity id");
        if (id is null)
        {
            return null;
        }

        if (options.FindEntity(id) is { } entity)
        {
            return entity;
        }

        fields.Add("legalEntity", $"is not a configured legal entity; use one of {string.Join(", ", options.LegalEntities.Select(e => $"'{e.Id}'"))}");
        return null;
    }

    private static DateOnly? ReceivedOn(BodyFields fields, LegalEntityOptions? entity, TimeProvider time)
    {
        var text = fields.Required("receivedOn", 10);
        if (text is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            fields.Add("receivedOn", "must be a calendar date written YYYY-MM-DD");
            return null;
        }

        // "Today" where the entity is; without a valid entity, central European time is the closest guess.
        var today = JurisdictionCalendar.Today(time, entity?.Jurisdiction ?? Jurisdiction.OtherEu);
        if (date > today)
        {
            fields.Add("receivedOn", "cannot be in the future");
            return null;
        }

        if (date < GdprApplies)
        {
            fields.Add("receivedOn", "cannot be before 2018-05-25, when the GDPR began to apply");
            return null;
        }

        return date;
    }

    // A processor acts only on its controller's documented instruction (Art. 28(3)(e)); a controller takes none.
    private static string? ControllerInstruction(BodyFields fields, LegalEntityOptions? entity)
    {
        var instruction = fields.Optional("controllerInstruction", 200);
        if (entity is null)
        {
            return instruction;
        }

        if (!entity.IsProcessor)
        {
            if (instruction is not null)
            {
                fields.Add("controllerInstruction", $"only for an entity that acts as processor; {entity.Name} is the controller");
            }

            return null;
        }

        if (instruction is null)
        {
            fields.Add(
                "controllerInstruction",
                $"is required: {entity.Name} processes this data for {entity.ActsAsProcessorFor}; submit the reference of the controller's "
                + "documented instruction, or forward the subject's request to the controller");
            return null;
        }

        if (PersonalDataGuard.LooksLikeEmail(instruction))
        {
            fields.Add("controllerInstruction", "must be the controller's reference, not an email address");
            return null;
        }

        return instruction;
    }
}
