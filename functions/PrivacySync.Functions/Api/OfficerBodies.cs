using Microsoft.AspNetCore.Http;
using PrivacySync.Functions.Auth;

namespace PrivacySync.Functions.Api;

/// <summary>
/// What an officer's call with a JSON body gave: the body as read, the officer it acts for (null when the body could
/// not be read), or the answer to give at once (not signed in or not allowed, too large, a bad respondingOfficer).
/// </summary>
internal sealed record OfficerBody(BodyRead Read, string? OfficerId, IResult? Refusal);

internal static class OfficerBodies
{
    /// <summary>
    /// Authenticates the call, reads its body and says which officer it acts for (the body names them for the Teams
    /// flow). A body that is not JSON is no refusal: the caller reports it with its other field errors.
    /// </summary>
    public static async Task<OfficerBody> ReadOfficerBodyAsync(this ApiCallers callers, HttpContext context)
    {
        var caller = await callers.AuthenticateAsync(context);
        if (caller.Refusal is not null)
        {
            return new OfficerBody(BodyRead.Empty, null, caller.Refusal);
        }

        var read = await JsonBody.ReadAsync(context.Request, context.RequestAborted);
        if (read.TooLarge)
        {
            return new OfficerBody(read, null, ApiResults.TooLarge());
        }

        var acting = read.Body is null ? null : callers.Acting(caller.Caller!, read.Body);
        return new OfficerBody(read, acting?.OfficerId, acting?.Refusal);
    }
}
