using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PrivacySync.Core.Configuration;
using PrivacySync.Functions.Api;

namespace PrivacySync.Functions.Auth;

public enum CallerKind
{
    /// <summary>An officer signed in as themself (role <see cref="ApiRoles.Officer"/>).</summary>
    Officer,

    /// <summary>The Teams Workflows flow's identity (role <see cref="ApiRoles.TeamsFlow"/>), acting for a responding officer.</summary>
    TeamsFlow,
}

/// <summary>Who called: the token's account and, for an officer, the officer id it maps to.</summary>
public sealed record Caller(CallerKind Kind, string ObjectId, string? OfficerId);

/// <summary>The caller, or the 401/403/503 answer that refuses them.</summary>
public sealed record Authenticated(Caller? Caller, IResult? Refusal);

/// <summary>The officer a call acts for, or the answer that refuses it.</summary>
public sealed record ActingOfficer(string? OfficerId, IResult? Refusal);

/// <summary>
/// Authenticates API calls by their Entra ID bearer token and says which officer a call acts for: an officer acts
/// as themself (never as someone a body names); the Teams flow identity acts for the officer it names in
/// <see cref="ApiRoles.RespondingOfficer"/> (their object id), and only it may name one. Refusals never echo a token.
/// </summary>
public sealed class ApiCallers(BearerTokens tokens, PrivacySyncOptions options, ILogger<ApiCallers> logger)
{
    public const string AuthorizationField = "Authorization";

    public async Task<Authenticated> AuthenticateAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization;
        if (header.Count == 0)
        {
            return Unauthenticated(context, "missing", "is required: send an Entra ID access token for this API as 'Authorization: Bearer <token>'");
        }

        var value = header.Count == 1 ? header[0] ?? "" : "";
        if (!value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || value.Length <= 7)
        {
            return Unauthenticated(context, "scheme", "must be one 'Bearer <token>' header with an Entra ID access token (function keys do not act for officers)");
        }

        var check = await tokens.ValidateAsync(value[7..].Trim(), context.RequestAborted);
        if (check.MetadataUnavailable)
        {
            AuthLog.MetadataUnavailable(logger);
            return new Authenticated(null, ApiResults.Error(StatusCodes.Status503ServiceUnavailable, AuthorizationField, "the token " + check.Problem + "; try again shortly"));
        }

        if (check.Token is not { } token)
        {
            return Unauthenticated(context, "invalid", "the token " + check.Problem);
        }

        var officer = token.Roles.Contains(ApiRoles.Officer);
        var flow = token.Roles.Contains(ApiRoles.TeamsFlow);
        if (officer == flow)
        {
            AuthLog.Forbidden(logger, "roles");
            return new Authenticated(null, Forbidden(AuthorizationField, officer
                ? $"the token holds both app roles {ApiRoles.Officer} and {ApiRoles.TeamsFlow}; an identity is either an officer or the Teams flow"
                : $"the token holds neither app role {ApiRoles.Officer} (officers) nor {ApiRoles.TeamsFlow} (the Teams flow); ask for the role to be assigned"));
        }

        if (flow)
        {
            return new Authenticated(new Caller(CallerKind.TeamsFlow, token.ObjectId, null), null);
        }

        if (options.FindOfficerByObjectId(token.ObjectId)?.Id is not { } officerId)
        {
            AuthLog.Forbidden(logger, "unknown-officer");
            return new Authenticated(null, Forbidden(AuthorizationField, $"the signed-in account (object id {token.ObjectId}) is not a configured officer (Officers in the configuration)"));
        }

        return new Authenticated(new Caller(CallerKind.Officer, token.ObjectId, officerId), null);
    }

    /// <summary>
    /// The officer the call acts for. <paramref name="respondingOfficer"/> is what the body or query named (null when
    /// absent); <paramref name="named"/> whether the property was present at all (an officer may not send it, even empty).
    /// </summary>
    public ActingOfficer Acting(Caller caller, string? respondingOfficer, bool named)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Kind == CallerKind.Officer)
        {
            if (named)
            {
                AuthLog.Forbidden(logger, "officer-named-officer");
                return new ActingOfficer(null, Forbidden(ApiRoles.RespondingOfficer,
                    $"only the Teams flow's identity (app role {ApiRoles.TeamsFlow}) may name the responding officer; an officer acts as themself"));
            }

            return new ActingOfficer(caller.OfficerId, null);
        }

        if (string.IsNullOrWhiteSpace(respondingOfficer))
        {
            return new ActingOfficer(null, ApiResults.BadRequest([new ApiError(ApiRoles.RespondingOfficer,
                "is required for the Teams flow: the Entra object id of the officer who responded to the card")]));
        }

        if (!Guid.TryParse(respondingOfficer, out _))
        {
            return new ActingOfficer(null, ApiResults.BadRequest([new ApiError(ApiRoles.RespondingOfficer, "must be the responding officer's Entra object id (a GUID)")]));
        }

        if (options.FindOfficerByObjectId(respondingOfficer)?.Id is not { } officerId)
        {
            AuthLog.Forbidden(logger, "unknown-responding-officer");
            return new ActingOfficer(null, Forbidden(ApiRoles.RespondingOfficer, "is not the object id of a configured officer (Officers in the configuration)"));
        }

        return new ActingOfficer(officerId, null);
    }

    /// <summary>
    /// The officer a call with a JSON body acts for, from the body's <see cref="ApiRoles.RespondingOfficer"/> (taken out
    /// of <paramref name="body"/>, so the form's own validation never sees it).
    /// </summary>
    public ActingOfficer Acting(Caller caller, Newtonsoft.Json.Linq.JObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var property = body.Property(ApiRoles.RespondingOfficer, StringComparison.Ordinal);
        if (property is null)
        {
            return Acting(caller, null, named: false);
        }

        property.Remove();
        if (property.Value.Type is not (Newtonsoft.Json.Linq.JTokenType.String or Newtonsoft.Json.Linq.JTokenType.Null))
        {
            return caller.Kind == CallerKind.Officer
                ? Acting(caller, null, named: true)
                : new ActingOfficer(null, ApiResults.BadRequest([new ApiError(ApiRoles.RespondingOfficer, "must be a string")]));
        }

        return Acting(caller, ((string?)property.Value)?.Trim(), named: true);
    }

    /// <summary>Null when the officer works for the entity; otherwise the 403 that says so.</summary>
    public IResult? OutsideEntity(string entityId, string officerId)
    {
        var entity = options.FindEntity(entityId);
        if (entity?.HasOfficer(officerId) == true)
        {
            return null;
        }

        AuthLog.Forbidden(logger, "other-entity");
        return Forbidden("entity", $"this request belongs to {entity?.Name ?? entityId}, and you are not one of its officers");
    }

    /// <summary>Authenticates a call without a body and says which officer it acts for (the query names them for the Teams flow).</summary>
    public async Task<ActingOfficer> ActingForReadAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = await AuthenticateAsync(context);
        return caller.Refusal is not null ? new ActingOfficer(null, caller.Refusal) : Acting(caller.Caller!, context.Request.Query);
    }

    /// <summary>The officer a read acts for: the caller, or for the Teams flow the <c>respondingOfficer</c> query parameter.</summary>
    public ActingOfficer Acting(Caller caller, IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var values = query[ApiRoles.RespondingOfficer];
        if (values.Count > 1)
        {
            return new ActingOfficer(null, ApiResults.BadRequest([new ApiError(ApiRoles.RespondingOfficer, "must be given once")]));
        }

        return Acting(caller, values.Count == 1 ? values[0]?.Trim() : null, values.Count == 1);
    }

    public static IResult Forbidden(string field, string message) => ApiResults.Error(StatusCodes.Status403Forbidden, field, message);

    private Authenticated Unauthenticated(HttpContext context, string reason, string message)
    {
        AuthLog.Unauthenticated(logger, reason);
        // RFC 6750: a refused bearer token names the scheme and the error.
        context.Response.Headers.WWWAuthenticate = reason == "missing"
            ? "Bearer realm=\"PrivacySync\""
            : "Bearer realm=\"PrivacySync\", error=\"invalid_token\"";
        return new Authenticated(null, ApiResults.Error(StatusCodes.Status401Unauthorized, AuthorizationField, message));
    }
}
