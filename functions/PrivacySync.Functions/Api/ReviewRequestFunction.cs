using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Functions.Api;

/// <summary>
/// The officer review of mail texts before an access package is made (Art. 15(4); entity setting <c>Review.MailBodies</c>),
/// bearer token like every officer endpoint (the Teams flow names respondingOfficer):
/// GET /api/requests/{id}/review → 200 {total, undecided, items: [{item, system, category, fields, text, decision?}]};
/// POST /api/requests/{id}/review {decisions: [{item, decision: include|redact|exclude, reason, redact?: [passage…]}]}
/// → 200 {decided, total, undecided}. 400 invalid (nothing changes), 403 another entity's request, 404 unknown id,
/// 409 the request does not await review, or an item already has another decision.
/// </summary>
public sealed class ReviewRequestFunction(ReviewHandler handler)
{
    [Function(FunctionNames.ReviewRequest)]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "requests/{id}/review")] HttpRequest request, string id) =>
        HttpMethods.IsGet(request.Method) ? handler.ListAsync(request.HttpContext, id) : handler.DecideAsync(request.HttpContext, id);
}
