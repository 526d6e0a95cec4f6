using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Cli;

/// <summary>Prints the API's <c>{"errors":[{field, message}]}</c> answers one per line, or the raw body when it has another shape.</summary>
internal static class ApiErrorsPrinter
{
    public static async Task PrintAsync(TextWriter writer, string body)
    {
        JObject? parsed = null;
        try
        {
            parsed = JToken.Parse(body) as JObject;
        }
        catch (JsonReaderException)
        {
            // Not JSON: printed as it came.
        }

        if (parsed?["errors"] is JArray errors)
        {
            foreach (var error in errors.OfType<JObject>())
            {
                await writer.WriteLineAsync($"  {(string?)error["field"]}: {(string?)error["message"]}");
            }

            return;
        }

        if (parsed?["error"] is JValue single)
        {
            await writer.WriteLineAsync($"  {single}");
            return;
        }

        if (body.Length > 0)
        {
            await writer.WriteLineAsync("  " + body);
        }
    }

    public static string Pretty(string body)
    {
        try
        {
            return JToken.Parse(body).ToString(Formatting.Indented);
        }
        catch (JsonReaderException)
        {
            return body;
        }
    }
}
