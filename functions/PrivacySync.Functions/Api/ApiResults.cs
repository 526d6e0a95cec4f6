using System.Text;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Functions.Api;

/// <summary>JSON responses of the request API; every refusal has the one shape <c>{"errors":[{"field","message"}]}</c>.</summary>
internal static class ApiResults
{
    public static IResult Json(JToken body, int statusCode = StatusCodes.Status200OK) =>
        Results.Content(body.ToString(Formatting.None), "application/json; charset=utf-8", Encoding.UTF8, statusCode);

    public static IResult Errors(int statusCode, IEnumerable<ApiError> errors) =>
        Json(new JObject
        {
            ["errors"] = new JArray(errors.Select(e => new JObject { ["field"] = e.Field, ["message"] = e.Message })),
        }, statusCode);

    public static IResult Error(int statusCode, string field, string message) => Errors(statusCode, [new ApiError(field, message)]);

    public static IResult BadRequest(IEnumerable<ApiError> errors) => Errors(StatusCodes.Status400BadRequest, errors);

    public static IResult NotFound(string field, string message) => Error(StatusCodes.Status404NotFound, field, message);

    public static IResult UnknownRequest() => NotFound("id", "no request has this id");

    public static IResult TooLarge() =>
        Error(StatusCodes.Status413PayloadTooLarge, "body", $"must be at most {RequestApiOptions.MaxBodyBytes / 1024} KiB");
}
