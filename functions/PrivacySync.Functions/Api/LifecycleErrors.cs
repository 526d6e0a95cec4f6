using Microsoft.AspNetCore.Http;
using PrivacySync.Core.Requests;

namespace PrivacySync.Functions.Api;

/// <summary>Maps the lifecycle's refusals onto HTTP, naming the field as the caller wrote it.</summary>
internal static class LifecycleErrors
{
    public static int StatusCode(DecisionErrorKind kind) => kind switch
    {
        DecisionErrorKind.Invalid => StatusCodes.Status400BadRequest,
        DecisionErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        DecisionErrorKind.Conflict => StatusCodes.Status409Conflict,
        DecisionErrorKind.NotFound => StatusCodes.Status404NotFound,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static IResult ToResult(DecisionError error, IReadOnlyDictionary<string, string> fieldNames) =>
        ApiResults.Error(StatusCode(error.Kind), FieldName(error.Field, fieldNames), error.Message);

    private static string FieldName(string field, IReadOnlyDictionary<string, string> fieldNames) =>
        fieldNames.TryGetValue(field, out var name) ? name
        : field.Length == 0 ? field
        : char.ToLowerInvariant(field[0]) + field[1..];
}
