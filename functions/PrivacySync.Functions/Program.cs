using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using PrivacySync.Functions;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
return StartupFailure.Run(() =>
{
    builder.Services.AddPrivacySync(builder.Configuration);
    builder.Build().Run();
});
