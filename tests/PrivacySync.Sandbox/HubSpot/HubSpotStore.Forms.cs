using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.HubSpot;

internal sealed record FormDefinition(string Id, string Name, DateTimeOffset CreatedAt);

internal sealed record FormSubmission(string ConversionId, string FormId, DateTimeOffset SubmittedAt, string? PageUrl, string? PageTitle, JArray Values, long ContactId);

internal sealed partial class HubSpotStore
{
    private readonly Dictionary<string, FormDefinition> forms = new(StringComparer.OrdinalIgnoreCase);

    private readonly List<FormSubmission> formSubmissions = [];

    public FormDefinition CreateForm(string name)
    {
        lock (Sync)
        {
            var form = new FormDefinition(Guid.NewGuid().ToString(), name, Now);
            forms[form.Id] = form;
            return form;
        }
    }

    public FormDefinition Form(string id)
    {
        lock (Sync) return forms.GetValueOrDefault(id) ?? throw SandboxApiException.NotFound("Form not found");
    }

    /// <summary>
    /// A form submission creates or updates the contact by email (also re-adding a GDPR-deleted address, as HubSpot
    /// does) and records the submission on the contact.
    /// </summary>
    public FormSubmission Submit(string formId, JArray fields, string? pageUrl, string? pageTitle, DateTimeOffset? submittedAt)
    {
        lock (Sync)
        {
            if (!forms.ContainsKey(formId)) throw SandboxApiException.NotFound("Form not found");
            var contactFields = fields.OfType<JObject>()
                .Where(f => (f["objectTypeId"]?.ToString() ?? "0-1") == "0-1")
                .ToDictionary(f => f["name"]?.ToString() ?? "", f => f["value"]?.ToString(), StringComparer.OrdinalIgnoreCase);
            if (!contactFields.TryGetValue("email", out var email) || string.IsNullOrWhiteSpace(email))
            {
                throw SandboxApiException.Validation("Required field 'email' is missing", "REQUIRED_FIELD", "email");
            }

            ValidateEmail(email.Trim());
            var contacts = ObjectTypes.ByName["contacts"];
            var properties = new JObject();
            foreach (var (name, value) in contactFields) properties[name] = value;
            CrmRecord contact;
            if (contactsByEmail.TryGetValue(email.Trim(), out var existingId))
            {
                contact = records["contacts"][existingId];
                var now = Now;
                foreach (var (name, value) in ReadProperties(contacts, properties)) contact.Set(name, value, now, "FORM", formId);
                Touch(contact, now);
            }
            else
            {
                blocklist.Remove(email.Trim());
                contact = Insert(contacts, ReadProperties(contacts, properties), [], "FORM");
            }

            var submission = new FormSubmission(Guid.NewGuid().ToString(), formId, submittedAt ?? Now, pageUrl, pageTitle, new JArray(fields.Select(f => f.DeepClone())), contact.Id);
            formSubmissions.Add(submission);
            return submission;
        }
    }

    public IReadOnlyList<FormSubmission> SubmissionsOfContact(long contactId)
    {
        lock (Sync) return formSubmissions.Where(s => s.ContactId == contactId).OrderByDescending(s => s.SubmittedAt).ToList();
    }

    /// <summary>All submissions of one form, newest first (the form-integrations listing order).</summary>
    public IReadOnlyList<FormSubmission> SubmissionsOfForm(string formId)
    {
        lock (Sync)
        {
            if (!forms.ContainsKey(formId)) throw SandboxApiException.NotFound("Form not found");
            return formSubmissions.Where(s => s.FormId == formId).OrderByDescending(s => s.SubmittedAt).ThenBy(s => s.ConversionId, StringComparer.Ordinal).ToList();
        }
    }
}
