using System.Runtime.CompilerServices;
using Azure.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.Microsoft365;

/// <summary>
/// Microsoft 365 through Microsoft Graph, app-only. A subject with an account in the tenant is an internal person
/// (profile, mail, calendar, contacts, OneDrive, group memberships; a disabled account is a former employee); anyone
/// else is an external person found in employees' mailboxes (messages they sent or received, contacts holding their
/// address), through Outlook REST per mailbox or, in eDiscovery mode, through Purview searches.
/// </summary>
public sealed partial class Microsoft365Connector : IConnector, IDeclaresCategories, IPlannedEraser, IDisposable
{
    public IReadOnlyCollection<string> ReportedCategories { get; } =
    [
        Microsoft365Categories.Profile, Microsoft365Categories.Mail, Microsoft365Categories.Calendar, Microsoft365Categories.Contacts,
        Microsoft365Categories.OneDrive, Microsoft365Categories.GroupMemberships, Microsoft365Categories.DirectMarketing,
    ];

    public const string ConnectorKind = "microsoft365";

    private readonly Microsoft365Options options;
    private readonly TokenCredential credential;
    private readonly GraphServiceClient client;
    private readonly HttpClient downloads;
    private readonly TimeProvider time;
    private readonly ILogger logger;

    public Microsoft365Connector(
        Microsoft365Options options, TokenCredential credential, TimeProvider? time = null, ILogger<Microsoft365Connector>? logger = null)
    {
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        this.credential = credential ?? throw new ArgumentNullException(nameof(credential));
        this.time = time ?? TimeProvider.System;
        this.logger = (ILogger?)logger ?? NullLogger.Instance;
        client = GraphClientBuilder.Create(options, credential);
        downloads = new HttpClient();
    }

    public string Kind => ConnectorKind;

    public async Task<IdentityResolution> ResolveAsync(SubjectIdentity subject, CancellationToken cancellationToken)
    {
        await EnsurePermissionsAsync(ConnectorOperation.Discover, cancellationToken).ConfigureAwait(false);
        return (await new SubjectLocator(client).ResolveAsync(subject, cancellationToken).ConfigureAwait(false)).Identity;
    }

    public async Task<DiscoveryResult> DiscoverAsync(SubjectIdentity subject, CancellationToken cancellationToken)
    {
        await EnsurePermissionsAsync(ConnectorOperation.Discover, cancellationToken).ConfigureAwait(false);
        var user = await new SubjectLocator(client).FindAsync(subject, cancellationToken).ConfigureAwait(false);
        if (user is not null)
        {
            var counts = await Internal.CountAsync(user, cancellationToken).ConfigureAwait(false);
            var rule = RuleFor(user);
            var categories = counts.Where(c => c.Value > 0)
                .Select(c => new DataCategory(c.Key, c.Value, options.InternalPurpose, options.InternalLegalBasis, RetentionText(rule)))
                .ToList();
            return new DiscoveryResult(true, categories, IsFormer(user) ? "internal account (disabled: former employee)" : "internal account (current employee)");
        }

        long messages = 0;
        var report = new SearchReport();
        if (options.Mode == Microsoft365Mode.Ediscovery)
        {
            var search = await Ediscovery.PrepareAsync(subject, Mailboxes.ListAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
            messages = await Ediscovery.EstimateAsync(search, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await foreach (var (_, _) in ExternalMessagesAsync(subject, IdAndSender, report, cancellationToken).ConfigureAwait(false))
            {
                messages++;
            }
        }

        long contacts = 0;
        await foreach (var _ in ExternalContactsAsync(subject, cancellationToken).ConfigureAwait(false))
        {
            contacts++;
        }

        var found = new List<DataCategory>();
        if (messages > 0)
        {
            found.Add(new DataCategory(Microsoft365Categories.Mail, messages, options.ExternalPurpose, options.ExternalLegalBasis, RetentionText(options.ExternalMessages)));
        }

        if (contacts > 0)
        {
            found.Add(new DataCategory(Microsoft365Categories.Contacts, contacts, options.ExternalPurpose, options.ExternalLegalBasis, RetentionText(options.ExternalContacts)));
        }

        var note = report.CappedWindows > 0 ? $"message count is a lower bound: {report.CappedWindows} mailbox-day(s) reached the search cap" : null;
        return found.Count == 0 ? DiscoveryResult.Absent(note) : new DiscoveryResult(true, found, note);
    }

    public async IAsyncEnumerable<ExportRecord> ExportAsync(SubjectIdentity subject, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsurePermissionsAsync(ConnectorOperation.Export, cancellationToken).ConfigureAwait(false);
        var user = await new SubjectLocator(client).FindAsync(subject, cancellationToken).ConfigureAwait(false);
        if (user is not null)
        {
            LogExport(logger, "internal");
            await foreach (var record in Internal.ExportAsync(user, RetentionText(RuleFor(user)), cancellationToken).ConfigureAwait(false))
            {
                yield return record;
            }

            yield break;
        }

        LogExport(logger, options.Mode == Microsoft365Mode.Ediscovery ? "external-ediscovery" : "external-mailbox");
        var retention = RetentionText(options.ExternalMessages);
        if (options.Mode == Microsoft365Mode.Ediscovery)
        {
            var search = await Ediscovery.PrepareAsync(subject, Mailboxes.ListAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
            await Ediscovery.EstimateAsync(search, cancellationToken).ConfigureAwait(false);
            await foreach (var row in Ediscovery.ReportRowsAsync(search, cancellationToken).ConfigureAwait(false))
            {
                yield return new ExportRecord(Microsoft365Categories.Mail, options.ExternalPurpose, options.ExternalLegalBasis,
                    Microsoft365Categories.EdiscoverySource, retention, row);
            }
        }
        else
        {
            var select = options.IncludeMessageBodies ? RecordFields.MessageSelect : RecordFields.MessageSelectNoBody;
            await foreach (var (mailbox, message) in ExternalMessagesAsync(subject, select, new SearchReport(), cancellationToken).ConfigureAwait(false))
            {
                yield return new ExportRecord(Microsoft365Categories.Mail, options.ExternalPurpose, options.ExternalLegalBasis,
                    Microsoft365Categories.ExchangeSource, retention, RecordFields.Message(mailbox.Address, message, options.IncludeMessageBodies, subject.AllEmails.ToHashSet(StringComparer.OrdinalIgnoreCase)),
                    ReviewField: RecordFields.BodyField);
            }
        }

        var contactRetention = RetentionText(options.ExternalContacts);
        await foreach (var (mailbox, contact) in ExternalContactsAsync(subject, cancellationToken).ConfigureAwait(false))
        {
            yield return new ExportRecord(Microsoft365Categories.Contacts, options.ExternalPurpose, options.ExternalLegalBasis,
                Microsoft365Categories.ExchangeSource, contactRetention, RecordFields.Contact(mailbox.Address, contact));
        }
    }

    public async Task<SystemOutcome> EraseAsync(SubjectIdentity subject, CancellationToken cancellationToken)
    {
        await EnsurePermissionsAsync(ConnectorOperation.Erase, cancellationToken).ConfigureAwait(false);
        var user = await new SubjectLocator(client).FindAsync(subject, cancellationToken).ConfigureAwait(false);
        var erasure = new Erasure(client, options, time, logger, Ediscovery, Mailboxes, ExternalMessagesAsync, ExternalContactsAsync);
        return user is not null
            ? await erasure.InternalAsync(user, RuleFor(user), await Internal.CountAsync(user, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false)
            : await erasure.ExternalAsync(subject, cancellationToken).ConfigureAwait(false);
    }

    public async Task<string> ClassifyAsync(SubjectIdentity subject, CancellationToken cancellationToken)
    {
        await EnsurePermissionsAsync(ConnectorOperation.Erase, cancellationToken).ConfigureAwait(false);
        var user = await new SubjectLocator(client).FindAsync(subject, cancellationToken).ConfigureAwait(false);
        return user?.Id is { } id ? InternalPrefix + id : ExternalPerson;
    }

    /// <summary>
    /// An internal person is erased through their account only, found by the object id recorded at task start: once it
    /// is deleted (by an earlier attempt) nothing else is touched, and its categories are reported not found here, which
    /// the task's intent turns back into the first attempt's "erased". An external person's messages and contacts.
    /// </summary>
    public async Task<SystemOutcome> EraseAsync(SubjectIdentity subject, string classification, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(classification);
        await EnsurePermissionsAsync(ConnectorOperation.Erase, cancellationToken).ConfigureAwait(false);
        var erasure = new Erasure(client, options, time, logger, Ediscovery, Mailboxes, ExternalMessagesAsync, ExternalContactsAsync);
        if (!classification.StartsWith(InternalPrefix, StringComparison.Ordinal))
        {
            return await erasure.ExternalAsync(subject, cancellationToken).ConfigureAwait(false);
        }

        var id = classification[InternalPrefix.Length..];
        User? user;
        try
        {
            user = await GraphFailures.Call(
                () => client.Users[id].GetAsync(r => r.QueryParameters.Select = RecordFields.ProfileSelect, cancellationToken),
                "read the subject's account").ConfigureAwait(false);
        }
        catch (PermanentConnectorException e) when (e.InnerException is not null && GraphFailures.IsNotFound(e.InnerException))
        {
            user = null;
        }

        if (user is null)
        {
            return new SystemOutcome(
                [.. Microsoft365Categories.Internal.Select(CategoryOutcome.NotFound)],
                $"The internal account (Entra object id {id}) no longer exists: it was deleted by an earlier attempt of this erasure.");
        }

        return await erasure.InternalAsync(user, RuleFor(user), await Internal.CountAsync(user, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Microsoft 365 is not a direct-marketing channel: there is nothing to stop.</summary>
    public Task<SystemOutcome> ObjectAsync(SubjectIdentity subject, CancellationToken cancellationToken) =>
        Task.FromResult(new SystemOutcome(
            [new CategoryOutcome(Microsoft365Categories.DirectMarketing, OutcomeKind.NotFound, Reason: "Microsoft 365 is not used for direct marketing.")]));

    /// <summary>
    /// The app's Graph permissions are read and delete only (no User.ReadWrite.All), so a correction is a manual step: one
    /// outcome per field naming the account by object id and the Entra property to change, never the new value.
    /// </summary>
    public async Task<SystemOutcome> RectifyAsync(SubjectIdentity subject, IReadOnlyList<TargetedCorrection> corrections, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(corrections);
        await EnsurePermissionsAsync(ConnectorOperation.Discover, cancellationToken).ConfigureAwait(false);
        var user = await new SubjectLocator(client).FindAsync(subject, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return new SystemOutcome(
                [.. corrections.Select(c => CategoryOutcome.NotFound(c.Category) with { Field = c.Field })],
                "No Microsoft 365 account belongs to the subject; correct mail and documents that mention them where they are found.");
        }

        return new SystemOutcome(
            [.. corrections.Select(c => CategoryOutcome.ManualAction(
                c.Category,
                $"In the Microsoft Entra admin center (entra.microsoft.com) open Identity > Users > All users, select the user with object id {user.Id}, "
                + $"choose Edit properties and set the property '{c.Target}' to the new value the subject gave for '{c.Field}'; save, then record the date here. "
                + $"With PowerShell: Update-MgUser -UserId {user.Id} -{PowerShellName(c.Target)} '<new value>'.") with { Field = c.Field })],
            "Microsoft 365 corrections are manual: the app may read and delete, not edit, directory accounts.");
    }

    /// <summary>
    /// The app cannot hold processing in Microsoft 365 (its permissions read and delete), so a restriction is a manual step
    /// on the subject's account by object id: a litigation hold keeps the mailbox as it is (nothing erased or changed while
    /// restricted), and the account is flagged for the tenant's own processes; lifting reverses both.
    /// </summary>
    public async Task<SystemOutcome> RestrictAsync(SubjectIdentity subject, RestrictionStep step, CancellationToken cancellationToken)
    {
        await EnsurePermissionsAsync(ConnectorOperation.Discover, cancellationToken).ConfigureAwait(false);
        var user = await new SubjectLocator(client).FindAsync(subject, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return new SystemOutcome(
                [CategoryOutcome.NotFound(Microsoft365Categories.Mail)],
                "No Microsoft 365 account belongs to the subject; mail that mentions them in others' mailboxes is not flagged by the app.");
        }

        var instructions = step == RestrictionStep.Restrict
            ? $"Hold processing of the account with object id {user.Id} (GDPR Art. 18): in Exchange Online PowerShell run "
              + $"Set-Mailbox -Identity {user.Id} -LitigationHoldEnabled $true -LitigationHoldDuration Unlimited "
              + "(the mailbox and OneDrive are kept as they are; nothing is erased or changed while restricted), and in the Microsoft Entra admin center "
              + $"(Identity > Users > All users > object id {user.Id} > Edit properties) set the attribute your processes honour for restriction "
              + "(for example extensionAttribute15 = 'restricted'); use the data for nothing but storage until the restriction is lifted; then record the date here."
            : $"Lift the restriction of the account with object id {user.Id}: run Set-Mailbox -Identity {user.Id} -LitigationHoldEnabled $false "
              + "(unless another hold needs it) and clear the restriction attribute in the Microsoft Entra admin center; then record the date here.";
        return new SystemOutcome(
            [CategoryOutcome.ManualAction(Microsoft365Categories.Mail, instructions)],
            "Microsoft 365 restrictions are manual: the app may read and delete, not place holds or edit directory accounts.");
    }

    private static string PowerShellName(string property) => property.Length == 0 ? property : char.ToUpperInvariant(property[0]) + property[1..];

    /// <summary>
    /// Removes a soft-deleted account from Entra ID's deleted items before the 30-day restore window ends (for the
    /// nightly job). True when removed, false when it is already gone.
    /// </summary>
    public async Task<bool> PermanentlyDeleteUserAsync(string userObjectId, CancellationToken cancellationToken)
    {
        try
        {
            await GraphFailures.Call(() => client.Directory.DeletedItems[userObjectId].DeleteAsync(cancellationToken: cancellationToken),
                "permanently delete a deleted account").ConfigureAwait(false);
            return true;
        }
        catch (PermanentConnectorException e) when (e.InnerException is not null && GraphFailures.IsNotFound(e.InnerException))
        {
            return false;
        }
    }

    public void Dispose()
    {
        client.Dispose();
        downloads.Dispose();
    }

    private static readonly string[] IdAndSender = ["id", "from"];

    /// <summary>Classification codes recorded with an erasure's intent (<see cref="IPlannedEraser"/>).</summary>
    public const string ExternalPerson = "external-person";

    public const string InternalPrefix = "internal-person:";

    private InternalPersonData Internal => new(client, options);

    private MailboxDirectory Mailboxes => new(client, options);

    private EdiscoverySession Ediscovery => new(client, options, credential, downloads, time, logger);

    private bool IsFormer(User user) => user.AccountEnabled == false;

    private ErasureRule RuleFor(User user) => IsFormer(user) ? options.FormerEmployee : options.CurrentEmployee;

    private static string RetentionText(ErasureRule rule) => rule.Action == ErasureAction.Delete
        ? "Deleted on an erasure request"
        : rule.RetainYears is { } years ? $"Kept {years} years ({rule.LegalBasis})" : $"Kept while the legal basis applies ({rule.LegalBasis})";

    /// <summary>The external person's messages in every mailbox in scope, mailbox by mailbox.</summary>
    private async IAsyncEnumerable<(MailboxRef Mailbox, Message Message)> ExternalMessagesAsync(
        SubjectIdentity subject, string[] select, SearchReport report, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var finder = new MessageFinder(client, options, time, logger);
        var emails = subject.AllEmails.ToList();
        await foreach (var mailbox in Mailboxes.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            await foreach (var message in finder.FindAsync(mailbox, emails, select, report, cancellationToken).ConfigureAwait(false))
            {
                yield return (mailbox, message);
            }
        }
    }

    /// <summary>Personal contacts in every mailbox in scope that hold one of the subject's addresses.</summary>
    private async IAsyncEnumerable<(MailboxRef Mailbox, Contact Contact)> ExternalContactsAsync(
        SubjectIdentity subject, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var addresses = subject.AllEmails.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var filter = string.Join(" or ", subject.AllEmails.Select(e => $"emailAddresses/any(a:a/address eq '{GraphQueryValues.ODataLiteral(e)}')"));
        await foreach (var mailbox in Mailboxes.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            var contacts = GraphPaging.All(
                ct => client.Users[mailbox.Id].Contacts.GetAsync(r => { r.QueryParameters.Filter = filter; r.QueryParameters.Top = options.PageSize; }, ct),
                (link, ct) => client.Users[mailbox.Id].Contacts.WithUrl(link).GetAsync(cancellationToken: ct),
                p => p.Value, p => p.OdataNextLink, "search contacts for the subject's address", cancellationToken);
            await foreach (var contact in contacts.ConfigureAwait(false))
            {
                // Re-checked: a contact is the subject's only if it holds one of their addresses exactly.
                if (contact.EmailAddresses?.Any(a => a.Address is { } address && addresses.Contains(address.Trim())) == true)
                {
                    yield return (mailbox, contact);
                }
            }
        }
    }

    private async Task EnsurePermissionsAsync(ConnectorOperation operation, CancellationToken cancellationToken)
    {
        IReadOnlySet<string>? roles;
        try
        {
            roles = await AppRoles.ReadAsync(credential, options.TokenScope, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (GraphFailures.Map(e, "check the app's permissions") is { } mapped)
        {
            throw mapped;
        }

        if (roles is null)
        {
            LogRolesUnreadable(logger);
            return;
        }

        Microsoft365Permissions.Ensure(roles, Microsoft365Permissions.Required(options, operation));
    }

    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Microsoft 365 export started ({Kind})")]
    private static partial void LogExport(ILogger logger, string kind);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Microsoft 365 access token is not a readable JWT; application permissions were not pre-checked")]
    private static partial void LogRolesUnreadable(ILogger logger);
}
