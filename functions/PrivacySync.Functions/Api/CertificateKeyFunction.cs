using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Certificates;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Functions.Api;

/// <summary>GET /api/certificates/key (anonymous): the public key that verifies deletion certificates and confirmations.</summary>
public sealed class CertificateKeyFunction(SigningKey key)
{
    [Function(FunctionNames.CertificateKey)]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "certificates/key")] HttpRequest request)
    {
        request.HttpContext.Response.Headers.CacheControl = "public, max-age=300";
        return ApiResults.Json(new JObject
        {
            ["keyId"] = key.KeyId,
            ["algorithm"] = SignedEnvelope.Algorithm,
            ["publicKeyPem"] = key.PublicKeyPem,
        });
    }
}
