namespace PrivacySync.Sandbox.Graph;

/// <summary>Bearer authentication, app-role checks, injected throttling and the Outlook per-mailbox concurrency limit.</summary>
internal static class GraphAccess
{
    private const string PrincipalKey = "graph-principal";

    public static GraphPrincipal Principal(HttpContext context) => (GraphPrincipal)context.Items[PrincipalKey]!;

    /// <summary>Middleware for /v1.0: request ids, 401 for a missing or foreign token, injected 429s.</summary>
    public static async Task Authenticate(HttpContext context, RequestDelegate next)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Items["request-id"] = requestId;
        context.Response.Headers["request-id"] = requestId;
        context.Response.Headers["client-request-id"] = context.Request.Headers["client-request-id"].FirstOrDefault() ?? requestId;
        if (!context.Request.Path.StartsWithSegments("/v1.0"))
        {
            await next(context);
            return;
        }

        var header = context.Request.Headers.Authorization.FirstOrDefault();
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            await GraphErrors.WriteAsync(context, 401, "InvalidAuthenticationToken", "Access token is empty.");
            return;
        }

        var tokens = context.RequestServices.GetRequiredService<GraphTokens>();
        var principal = tokens.Validate(header[7..].Trim(), out var reason);
        if (principal is null)
        {
            await GraphErrors.WriteAsync(context, 401, "InvalidAuthenticationToken", reason);
            return;
        }

        context.Items[PrincipalKey] = principal;
        var tenant = context.RequestServices.GetRequiredService<GraphTenant>();
        if (tenant.ConsumeInjectedThrottle(context.Request.Path.Value ?? ""))
        {
            await GraphErrors.WriteAsync(
                context, 429, "TooManyRequests", "Too many requests. Retry after the number of seconds in the Retry-After header.",
                tenant.Options.RetryAfterSeconds);
            return;
        }

        await next(context);
    }

    /// <summary>403 unless the token carries one of the roles; the error code is the workload's own.</summary>
    public static RouteHandlerBuilder RequireRoles(this RouteHandlerBuilder builder, Workload workload, params string[] anyOf) =>
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            if (Principal(invocation.HttpContext).HasAny(anyOf))
            {
                return await next(invocation);
            }

            return workload switch
            {
                Workload.Directory => GraphErrors.Error(invocation.HttpContext, 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation."),
                Workload.Outlook => GraphErrors.Error(invocation.HttpContext, 403, "ErrorAccessDenied", "Access is denied. Check credentials and try again."),
                Workload.Drive => GraphErrors.Error(invocation.HttpContext, 403, "accessDenied", "Either scp or roles claim need to be present in the token."),
                _ => GraphErrors.Error(invocation.HttpContext, 403, "Forbidden", "The caller does not have the application permission this eDiscovery operation needs."),
            };
        });

    /// <summary>Outlook's limit of concurrent requests per app and mailbox: the excess gets 429 ApplicationThrottled.</summary>
    public static RouteHandlerBuilder MailboxLimited(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            var context = invocation.HttpContext;
            var tenant = context.RequestServices.GetRequiredService<GraphTenant>();
            var mailbox = context.Request.RouteValues["user"]?.ToString() ?? "";
            if (!tenant.TryEnterMailbox(Principal(context).AppId, mailbox, out var key))
            {
                return GraphErrors.Error(context, 429, "ApplicationThrottled", "Application is over its MailboxConcurrency limit.", tenant.Options.RetryAfterSeconds);
            }

            try
            {
                if (tenant.Options.MailboxLatency > TimeSpan.Zero)
                {
                    await Task.Delay(tenant.Options.MailboxLatency, context.RequestAborted);
                }

                return await next(invocation);
            }
            finally
            {
                tenant.ExitMailbox(key);
            }
        });
}

internal enum Workload
{
    Directory,
    Outlook,
    Drive,
    Security,
}

internal static class Roles
{
    public static readonly string[] UserRead = ["User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"];
    public static readonly string[] UserWrite = ["User.ReadWrite.All", "Directory.ReadWrite.All"];
    public static readonly string[] UserDelete = ["User.ReadWrite.All", "User.DeleteRestore.All"];
    public static readonly string[] GroupMemberRead = ["GroupMember.Read.All", "Group.Read.All", "Group.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"];
    public static readonly string[] GroupWrite = ["Group.ReadWrite.All", "Directory.ReadWrite.All"];
    public static readonly string[] GroupMemberWrite = ["GroupMember.ReadWrite.All", "Group.ReadWrite.All", "Directory.ReadWrite.All"];
    public static readonly string[] MailRead = ["Mail.Read", "Mail.ReadWrite"];
    public static readonly string[] MailWrite = ["Mail.ReadWrite"];
    public static readonly string[] CalendarRead = ["Calendars.Read", "Calendars.ReadWrite"];
    public static readonly string[] CalendarWrite = ["Calendars.ReadWrite"];
    public static readonly string[] ContactsRead = ["Contacts.Read", "Contacts.ReadWrite"];
    public static readonly string[] ContactsWrite = ["Contacts.ReadWrite"];
    public static readonly string[] FilesRead = ["Files.Read.All", "Files.ReadWrite.All", "Sites.Read.All", "Sites.ReadWrite.All"];
    public static readonly string[] FilesWrite = ["Files.ReadWrite.All", "Sites.ReadWrite.All"];
    public static readonly string[] EdiscoveryRead = ["eDiscovery.Read.All", "eDiscovery.ReadWrite.All"];
    public static readonly string[] EdiscoveryWrite = ["eDiscovery.ReadWrite.All"];
}
