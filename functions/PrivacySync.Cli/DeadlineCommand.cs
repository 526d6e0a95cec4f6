using System.CommandLine;
using System.Globalization;
using PrivacySync.Core.Common;
using PrivacySync.Core.Deadlines;

namespace PrivacySync.Cli;

/// <summary><c>deadline --received YYYY-MM-DD --jurisdiction NO|SE [--extended]</c>: prints the GDPR Art. 12(3) due date.</summary>
public static class DeadlineCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var received = new Option<string>("--received") { Description = "The day the request reached the company (YYYY-MM-DD).", Required = true };
        var jurisdiction = new Option<string>("--jurisdiction") { Description = "Whose public holidays count: NO or SE (OtherEu: weekends only).", Required = true };
        var extended = new Option<bool>("--extended") { Description = "The extended deadline: three months after receipt." };
        var command = new Command("deadline", "Print the due date of a request (one month, or three when extended; next working day).")
        {
            received, jurisdiction, extended,
        };
        command.SetAction(async (parsed, _) =>
        {
            var receivedText = parsed.GetValue(received);
            var jurisdictionText = parsed.GetValue(jurisdiction);
            var ok = true;
            if (!DateOnly.TryParseExact(receivedText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var receivedOn))
            {
                await error.WriteLineAsync($"--received: '{receivedText}' is not a date written YYYY-MM-DD.");
                ok = false;
            }

            if (!WireNames.TryParse<Jurisdiction>(jurisdictionText, out var where))
            {
                await error.WriteLineAsync($"--jurisdiction: must be {WireNames.Describe<Jurisdiction>()}.");
                ok = false;
            }

            if (!ok)
            {
                return ExitCodes.InvalidInput;
            }

            if (receivedOn.Year >= 9999)
            {
                await error.WriteLineAsync("--received: the date is too far in the future to compute a deadline.");
                return ExitCodes.InvalidInput;
            }

            var due = DeadlineCalculator.DueOn(receivedOn, where, parsed.GetValue(extended));
            await output.WriteLineAsync(due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            return ExitCodes.Success;
        });
        return command;
    }
}
