using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.CommandLine;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Common;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Reconciliation;
using PrivacySync.Storage;
using PrivacySync.Storage.Reconciliation;

namespace PrivacySync.Cli;

/// <summary>
/// <c>reconcile [--date yyyy-MM-dd] [--dry-run]</c>: the nightly reconciliation on demand, over the storage of
/// AzureWebJobsStorage with the thresholds of <c>PrivacySync__Reconciliation__*</c> — the same reconciler as the
/// timer, so a night the timer reconciled is not reconciled again (and this says so), and it makes the same repairs
/// (audited). Lost or stalled tasks are re-sent only with <c>PrivacySync__ConfigPath</c> set, since the document says
/// which queue a system's tasks take; deferred erasures (with their signed addenda) run only with the configuration, the
/// systems' credentials and the signing key set as for the app. With the configuration, the night's summary goes to each
/// entity's Teams channel as the timer's does: a [dsr-notify] message per entity that the app posts, once per night and
/// entity however often the night is run. Prints the summary and one line per finding. Exit 0
/// done (findings or not), 2 bad input.
/// </summary>
public static class ReconcileCommand
{
    public static Command Create(IConfiguration settings, TextWriter output, TextWriter error, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var date = new Option<string?>("--date") { Description = "The night to reconcile (yyyy-MM-dd); today (local time) by default." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Report the findings without recording the run." };
        var command = new Command("reconcile", "Run the nightly reconciliation: findings for overdue, waiting, stalled, failed and lost work and poison messages.")
        {
            date, dryRun,
        };
        command.SetAction(async (parsed, ct) =>
        {
            var night = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
            if (parsed.GetValue(date) is { } text && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out night))
            {
                await error.WriteLineAsync($"--date: '{text}' is not a date (yyyy-MM-dd).");
                return ExitCodes.InvalidInput;
            }

            ReconciliationOptions options;
            StorageClients clients;
            PrivacySyncOptions? configuration;
            NightlyParts? parts;
            AuditChain chain;
            try
            {
                options = ReadOptions(settings);
                configuration = ReadConfiguration(settings);
                parts = NightlyPartsReader.Read(settings, configuration is null ? null : settings[ConfigPathSetting]);
                clients = StorageClients.FromConfiguration(settings);
                chain = new AuditChain(AuditKey.FromSetting(settings[AuditKey.SettingName])); // its repairs are audited
            }
            catch (InvalidOperationException ex)
            {
                await error.WriteLineAsync(ex.Message);
                return ExitCodes.InvalidInput;
            }

            if (parts is null)
            {
                await error.WriteLineAsync(
                    "Deferred erasures are left out: they need PrivacySync__ConfigPath, the systems' credential settings and PrivacySync__SigningKeyPath (or PrivacySync__SigningKeyPem).");
            }

            var reconciler = await ReconciliationServiceCollectionExtensions.CreateReconcilerAsync(clients, chain, configuration, options, time, ct, parts);
            var result = await reconciler.RunAsync(night, parsed.GetValue(dryRun), ct);
            await output.WriteLineAsync(result.Summary());
            foreach (var finding in result.Findings)
            {
                var system = finding.SystemId is null ? "" : $" [{finding.SystemId}]";
                var next = finding.Repaired is { } done ? $"Done: {done}" : $"To do: {finding.Action}";
                await output.WriteLineAsync(
                    $"{finding.Urgency.ToWire()}\t{finding.Kind.ToWire()}\t{finding.RequestId}{system}\t{finding.LegalEntityId}\t{finding.Problem}\t{next}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private const string TaskAttemptBudgetSetting = "PrivacySync:TaskAttemptBudget";
    private const string ConfigPathSetting = "PrivacySync:ConfigPath";

    /// <summary>The configuration document when <c>PrivacySync:ConfigPath</c> names one; null otherwise.</summary>
    private static PrivacySyncOptions? ReadConfiguration(IConfiguration settings)
    {
        if (settings[ConfigPathSetting] is not { Length: > 0 } path)
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{ConfigPathSetting}: the configuration file '{path}' does not exist.");
        }

        var loaded = PrivacySyncOptionsLoader.Parse(File.ReadAllText(path));
        return loaded.IsValid
            ? loaded.Options
            : throw new InvalidOperationException($"{ConfigPathSetting}: '{path}' is not a valid configuration: " + string.Join(" ", loaded.Errors));
    }

    /// <summary>The thresholds from <c>PrivacySync:Reconciliation:*</c>, as the function app binds and validates them.</summary>
    private static ReconciliationOptions ReadOptions(IConfiguration settings)
    {
        var options = new ReconciliationOptions();
        var section = settings.GetSection(ReconciliationOptions.Section);
        foreach (var property in typeof(ReconciliationOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.SetMethod is { IsPublic: true } && p.Name != nameof(ReconciliationOptions.TaskAttemptBudget)))
        {
            if (section[property.Name] is not { Length: > 0 } value)
            {
                continue;
            }

            try
            {
                property.SetValue(options, TypeDescriptor.GetConverter(property.PropertyType).ConvertFromInvariantString(value));
            }
            catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException || e.InnerException is FormatException or OverflowException)
            {
                throw new InvalidOperationException($"{ReconciliationOptions.Section}:{property.Name}: '{value}' is not a valid {property.PropertyType.Name}.");
            }
        }

        // The flow's own setting, as the function app reads it.
        if (settings[TaskAttemptBudgetSetting] is { Length: > 0 } budget)
        {
            options.TaskAttemptBudget = int.TryParse(budget, NumberStyles.None, CultureInfo.InvariantCulture, out var attempts)
                ? attempts
                : throw new InvalidOperationException($"{TaskAttemptBudgetSetting}: '{budget}' is not a whole number.");
        }

        var problems = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), problems, validateAllProperties: true))
        {
            throw new InvalidOperationException(string.Join(" ", problems.Select(p => $"{ReconciliationOptions.Section}: {p.ErrorMessage}")));
        }

        return options;
    }
}
