using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Certificates;
using PrivacySync.Functions.Api;
using PrivacySync.Functions.Hosting;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Functions.Functions.CertificateKey;

/// <summary>GET /api/certificates/key (anonymous): the public key that verifies deletion certificates and confirmations.</summary>
public sealed class CertificateKeyFunction : IHttpFunction
{
    public string FunctionName => "CertificateKey";

    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/certificates/key", (HttpContext context) =>
        {
            var key = context.RequestServices.GetRequiredService<SigningKey>();
            context.Response.Headers.CacheControl = "public, max-age=300";
            return ApiResults.Json(new JObject
            {
                ["keyId"] = key.KeyId,
                ["algorithm"] = SignedEnvelope.Algorithm,
                ["publicKeyPem"] = key.PublicKeyPem,
            });
        });
}
