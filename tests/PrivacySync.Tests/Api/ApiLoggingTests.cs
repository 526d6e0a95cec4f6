
namespace PrivacySync.Tests.Api;

/// <summary>The subject's data never reaches the logs (the host's and the worker's, as the host relays them), whatever the API is sent.</summary>
public sealed class ApiLoggingTests
{
    [Fact]
    public async Task NoLogLineCarriesTheSubjectsEmailNameOrNotes()
    {
        await using var api = await ApiServer.StartAsync(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace" });
        const string email = "ingrid.secret.subject@example.com";
        const string name = "Ingrid Hemmelig";
        const string notes = "Lives at Hemmeligveien 7";
        var form = api.Form(api.Sweden, ApiServer.Sara, f =>
        {
            f["subjectEmail"] = email;
            f["subjectName"] = name;
            f["notes"] = notes;
        });

        var id = await api.SubmitAsync(form);
        await api.SendAsync(HttpMethod.Post, "/api/requests", form);
        await api.SendAsync(HttpMethod.Get, $"/api/requests/{id}", officer: ApiServer.Sara);
        await api.SendAsync(HttpMethod.Post, "/api/requests", api.Form(api.Sweden, ApiServer.Outsider, f => f["subjectEmail"] = email));
        await api.SendAsync(HttpMethod.Post, "/api/requests", api.Form(api.Sweden, ApiServer.Anna, f => f["subjectEmail"] = email));
        await api.SendAsync(HttpMethod.Post, "/api/requests", api.Form(api.Sweden, ApiServer.Sara, f => f["subjectEmail"] = email + " <" + name + ">"));
        await api.PostAsync("/api/requests", $"{{\"subjectEmail\": \"{email}\", \"subjectName\": \"{name}\" ", ApiServer.Sara);
        await api.SendAsync(HttpMethod.Get, $"/api/requests?entity={email}", officer: ApiServer.Sara);
        await api.Client.GetAsync($"/api/requests?entity={email}", TestContext.Current.CancellationToken);
        await (await api.AsAsync(ApiServer.Sara)).GetAsync($"/api/requests/{email}/outputs/{name}?sig={notes}", TestContext.Current.CancellationToken);

        // Everything the host and the worker wrote: the host's own lines and the worker's logs it relays.
        var lines = api.Host.Output.Split(Environment.NewLine);
        Assert.Contains(lines, line => line.Contains(id, StringComparison.Ordinal));
        foreach (var line in lines.Where(l => l.Contains("Hemmelig", StringComparison.OrdinalIgnoreCase) || l.Contains("secret.subject", StringComparison.OrdinalIgnoreCase)))
        {
            TestContext.Current.TestOutputHelper?.WriteLine(line);
        }

        Assert.All(lines, line =>
        {
            Assert.DoesNotContain("secret.subject", line, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Hemmelig", line, StringComparison.OrdinalIgnoreCase);
        });
    }
}
