using System.Net.Mail;
using PrivacySync.Core.Common;
using PrivacySync.Core.Deadlines;

namespace PrivacySync.Core.Configuration;

internal static class LegalEntityRules
{
    public static void Check(ValidationErrors errors, string path, LegalEntityOptions? entity)
    {
        if (entity is null)
        {
            errors.Add(path, "is empty");
            return;
        }

        if (!PlainId.IsValid(entity.Id))
        {
            errors.Add($"{path}.Id", $"must be a plain id ({PlainId.Rule})");
        }

        errors.Required($"{path}.Name", entity.Name);

        if (!WireNames.TryParse<Jurisdiction>(entity.RawJurisdiction, out _))
        {
            errors.Add($"{path}.Jurisdiction", $"must be {WireNames.Describe<Jurisdiction>()}");
        }

        if (!WireNames.TryParse<Language>(entity.RawDefaultLanguage, out _))
        {
            errors.Add($"{path}.DefaultLanguage", $"must be {WireNames.Describe<Language>()}");
        }

        CheckAuthority(errors, $"{path}.SupervisoryAuthority", entity.SupervisoryAuthority);

        if (!IsMailbox(entity.PrivacyContact))
        {
            errors.Add($"{path}.PrivacyContact", "must be a plain email address such as 'privacy@example.com'");
        }

        if (entity.ActsAsProcessorFor is not null && string.IsNullOrWhiteSpace(entity.ActsAsProcessorFor))
        {
            errors.Add($"{path}.ActsAsProcessorFor", "must name the controller, or be omitted when the entity is the controller");
        }

        CheckOfficers(errors, $"{path}.Officers", entity.Officers ?? []);
        CheckTeams(errors, $"{path}.Teams", entity.Teams);
    }

    private static void CheckTeams(ValidationErrors errors, string path, TeamsChannelOptions? teams)
    {
        if (teams is null)
        {
            return;
        }

        // A setting's name, never the URL itself: the webhook URL is a secret.
        if (string.IsNullOrWhiteSpace(teams.WebhookReference) || !teams.WebhookReference.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            errors.Add($"{path}.WebhookReference", "must name the app setting that holds the Workflows webhook URL (letters, digits, '_' or '-'), not the URL");
        }

        if (!WireNames.TryParse<SubjectOnCards>(teams.RawSubjectOnCards ?? "none", out _))
        {
            errors.Add($"{path}.SubjectOnCards", $"must be {WireNames.Describe<SubjectOnCards>()}");
        }
    }

    private static void CheckAuthority(ValidationErrors errors, string path, SupervisoryAuthorityOptions? authority)
    {
        if (authority is null)
        {
            errors.Add(path, "is required (the authority a subject may complain to)");
            return;
        }

        errors.Required($"{path}.Name", authority.Name);
        if (!Uri.TryCreate(authority.Url, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add($"{path}.Url", "must be an absolute https URL");
        }
    }

    private static void CheckOfficers(ValidationErrors errors, string path, IReadOnlyList<string> officers)
    {
        if (officers.Count == 0)
        {
            errors.Add(path, "at least one officer is required to submit and decide requests");
        }

        for (var i = 0; i < officers.Count; i++)
        {
            if (PersonalDataGuard.LooksLikeEmail(officers[i]))
            {
                errors.Add($"{path}[{i}]", "must be an officer id, not an email address (officer ids are written to the audit trail)");
            }
            else if (!PlainId.IsValid(officers[i]))
            {
                errors.Add($"{path}[{i}]", $"must be a plain officer id ({PlainId.Rule})");
            }
        }

        errors.Unique(path, officers, o => o, "officer id");
    }

    private static bool IsMailbox(string? value) =>
        value is not null
        && MailAddress.TryCreate(value, out var address)
        && address.Address == value
        && address.Host.Contains('.', StringComparison.Ordinal);
}
