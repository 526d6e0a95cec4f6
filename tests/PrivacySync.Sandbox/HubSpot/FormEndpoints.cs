using System.Globalization;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.HubSpot;

/// <summary>
/// Forms as HubSpot exposes them: a form is created (marketing v3), submitted (secure submissions v3), listed per
/// contact in the legacy contact profile (<c>form-submissions</c>), and its submitted values listed per form
/// (form-integrations v1).
/// </summary>
internal static class FormEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/marketing/v3/forms", CreateForm);
        app.MapPost("/submissions/v3/integration/secure/submit/{portalId}/{formGuid}", Submit);
        app.MapGet("/contacts/v1/contact/vid/{vid}/profile", Profile);
        app.MapGet("/form-integrations/v1/submissions/forms/{formGuid}", Submissions);
    }

    private static HubSpotStore Store(HttpContext context) => context.RequestServices.GetRequiredService<HubSpotStore>();

    private static async Task CreateForm(HttpContext context)
    {
        var body = await HubSpotJson.ReadObjectAsync(context);
        var name = body["name"]?.ToString();
        if (string.IsNullOrWhiteSpace(name)) throw SandboxApiException.Validation("name is required", "REQUIRED", "name");
        var form = Store(context).CreateForm(name);
        await HubSpotJson.WriteAsync(context, 201, new JObject
        {
            ["id"] = form.Id,
            ["name"] = form.Name,
            ["formType"] = "hubspot",
            ["createdAt"] = HubSpotJson.Timestamp(form.CreatedAt),
            ["updatedAt"] = HubSpotJson.Timestamp(form.CreatedAt),
            ["archived"] = false,
        });
    }

    private static async Task Submit(HttpContext context)
    {
        var store = Store(context);
        if (HubSpotJson.Route(context, "portalId") != store.Options.PortalId.ToString(CultureInfo.InvariantCulture))
        {
            throw SandboxApiException.NotFound("Form not found in this portal");
        }

        var body = await HubSpotJson.ReadObjectAsync(context);
        var fields = body["fields"] as JArray ?? throw SandboxApiException.Validation("fields is required", "REQUIRED", "fields");
        var submittedAt = body["submittedAt"]?.ToString() is { } ms && long.TryParse(ms, out var millis) ? DateTimeOffset.FromUnixTimeMilliseconds(millis) : (DateTimeOffset?)null;
        store.Submit(HubSpotJson.Route(context, "formGuid"), fields, body["context"]?["pageUri"]?.ToString(), body["context"]?["pageName"]?.ToString(), submittedAt);
        await HubSpotJson.WriteAsync(context, 200, new JObject { ["inlineMessage"] = "Thanks for submitting the form." });
    }

    private static async Task Profile(HttpContext context)
    {
        var store = Store(context);
        var contacts = ObjectTypes.ByName["contacts"];
        JObject json;
        lock (store.Sync)
        {
            var record = long.TryParse(HubSpotJson.Route(context, "vid"), out var vid) ? store.Find(contacts, vid) : null;
            if (record is null) throw SandboxApiException.NotFound("contact does not exist");
            var properties = new JObject();
            foreach (var (name, versions) in record.History)
            {
                properties[name] = new JObject { ["value"] = versions[^1].Value ?? "" };
            }

            var identities = new JArray(record.Emails().Select((email, i) => new JObject
            {
                ["type"] = "EMAIL",
                ["value"] = email,
                ["timestamp"] = HubSpotJson.Millis(record.CreatedAt),
                ["is-primary"] = i == 0,
            }));
            var submissions = new JArray(store.SubmissionsOfContact(record.Id).Select(s => new JObject
            {
                ["conversion-id"] = s.ConversionId,
                ["timestamp"] = HubSpotJson.Millis(s.SubmittedAt),
                ["form-id"] = s.FormId,
                ["portal-id"] = store.Options.PortalId,
                ["page-url"] = s.PageUrl,
                ["page-title"] = s.PageTitle,
                ["title"] = store.Form(s.FormId).Name,
                ["form-type"] = "HUBSPOT",
                ["contact-associated-by"] = new JArray("EMAIL"),
                ["meta-data"] = new JArray(),
            }));
            json = new JObject
            {
                ["vid"] = record.Id,
                ["canonical-vid"] = record.Id,
                ["merged-vids"] = new JArray(),
                ["portal-id"] = store.Options.PortalId,
                ["is-contact"] = true,
                ["properties"] = properties,
                ["form-submissions"] = submissions,
                ["identity-profiles"] = new JArray(new JObject
                {
                    ["vid"] = record.Id,
                    ["saved-at-timestamp"] = HubSpotJson.Millis(record.UpdatedAt),
                    ["deleted-changed-timestamp"] = 0,
                    ["identities"] = identities,
                }),
            };
        }

        await HubSpotJson.WriteAsync(context, 200, json);
    }

    private static Task Submissions(HttpContext context)
    {
        var all = Store(context).SubmissionsOfForm(HubSpotJson.Route(context, "formGuid"));
        var limit = int.TryParse(HubSpotJson.Query(context, "limit"), out var l) ? Math.Clamp(l, 1, 50) : 20;
        var after = int.TryParse(HubSpotJson.Query(context, "after"), out var a) ? a : 0;
        var json = new JObject
        {
            ["results"] = new JArray(all.Skip(after).Take(limit).Select(s => new JObject
            {
                ["conversionId"] = s.ConversionId,
                ["submittedAt"] = HubSpotJson.Millis(s.SubmittedAt),
                ["values"] = s.Values.DeepClone(),
                ["pageUrl"] = s.PageUrl,
            })),
        };
        if (after + limit < all.Count) json["paging"] = CrmRender.Paging((after + limit).ToString(CultureInfo.InvariantCulture));
        return HubSpotJson.WriteAsync(context, 200, json);
    }
}
