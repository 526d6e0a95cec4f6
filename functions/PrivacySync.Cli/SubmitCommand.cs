using System.CommandLine;
using System.Net;
using System.Text;

namespace PrivacySync.Cli;

/// <summary><c>submit --api URL --token TOKEN --file form.json</c>: posts a request form (the Teams form's JSON) to SubmitRequest.</summary>
public static class SubmitCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var api = new Option<string>("--api") { Description = "The function app's address, e.g. http://127.0.0.1:7071.", Required = true };
        var token = ApiAddress.TokenOption();
        var file = new Option<string>("--file") { Description = "The form as JSON (see infra/teams/request-form.en.card.json).", Required = true };
        var command = new Command("submit", "Submit a data-subject request form; prints the answer (exit 2 when the form is refused as invalid).")
        {
            api, token, file,
        };
        command.SetAction(async (parsed, ct) =>
        {
            var url = ApiAddress.Resolve(parsed.GetValue(api), "/api/requests");
            if (url is null)
            {
                await error.WriteLineAsync(ApiAddress.Invalid(parsed.GetValue(api)));
                return ExitCodes.InvalidInput;
            }

            var path = parsed.GetValue(file)!;
            if (!File.Exists(path))
            {
                await error.WriteLineAsync($"--file: '{path}' does not exist.");
                return ExitCodes.InvalidInput;
            }

            var form = await File.ReadAllTextAsync(path, ct);
            using var client = ApiAddress.CreateClient(parsed.GetValue(token));
            HttpResponseMessage response;
            try
            {
                response = await client.PostAsync(url, new StringContent(form, Encoding.UTF8, "application/json"), ct);
            }
            catch (HttpRequestException ex)
            {
                await error.WriteLineAsync($"Could not reach {url.GetLeftPart(UriPartial.Authority)}: {ex.Message}");
                return ExitCodes.Failure;
            }

            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(ct);
                switch (response.StatusCode)
                {
                    case HttpStatusCode.Accepted or HttpStatusCode.OK:
                        await output.WriteLineAsync(ApiErrorsPrinter.Pretty(body));
                        return ExitCodes.Success;
                    case HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge:
                        await error.WriteLineAsync($"The form was refused ({(int)response.StatusCode}):");
                        await ApiErrorsPrinter.PrintAsync(error, body);
                        return ExitCodes.InvalidInput;
                    default:
                        await error.WriteLineAsync($"The request failed ({(int)response.StatusCode} {response.ReasonPhrase}):");
                        await ApiErrorsPrinter.PrintAsync(error, body);
                        return ExitCodes.Failure;
                }
            }
        });
        return command;
    }
}
