using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using PrivacySync.Tests.Infrastructure;

namespace PrivacySync.Tests.Api;

/// <summary>The subject's data never reaches the logs, whatever the API is sent.</summary>
public sealed class ApiLoggingTests
{
    [Fact]
    public async Task NoLogLineCarriesTheSubjectsEmailNameOrNotes()
    {
        var logs = new CapturingLoggerProvider();
        await using var api = await ApiServer.StartAsync(new AzuriteFixture(), logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
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
        await api.SendAsync(HttpMethod.Get, $"/api/requests/{id}");
        await api.SendAsync(HttpMethod.Post, "/api/requests", api.Form(api.Sweden, "unknown.officer", f => f["subjectEmail"] = email));
        await api.SendAsync(HttpMethod.Post, "/api/requests", api.Form(api.Sweden, ApiServer.Sara, f => f["subjectEmail"] = email + " <" + name + ">"));
        await api.PostAsync("/api/requests", $"{{\"subjectEmail\": \"{email}\", \"subjectName\": \"{name}\" ");
        await api.SendAsync(HttpMethod.Get, $"/api/requests?entity={email}");
        await api.Anonymous.GetAsync($"/api/requests/{email}/outputs/{name}?sig={notes}", TestContext.Current.CancellationToken);

        var lines = logs.Lines;
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

    /// <summary>Every log line as text: message, state values, scopes' absence and exception, for searching.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                lines.Enqueue($"{category} [{eventId}] {formatter(state, exception)} {values} {exception}");
            }
        }
    }
}
