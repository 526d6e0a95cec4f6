using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Functions.Intake;

/// <summary>
/// POST /api/requests (bearer token: an officer submits as themself; the Teams flow names respondingOfficer): the
/// Teams form's JSON → 202 {requestId, status, dueOn, statusUrl}; 200 when repeated, 409 when the submissionId was
/// used for other content.
/// </summary>
public sealed class SubmitRequestFunction(SubmitRequestHandler handler)
{
    public const string Name = FunctionNames.SubmitRequest;

    [Function(Name)]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "requests")] HttpRequest request) =>
        handler.HandleAsync(request.HttpContext);
}
