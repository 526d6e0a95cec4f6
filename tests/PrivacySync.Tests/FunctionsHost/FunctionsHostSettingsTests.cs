using Azure.Storage.Queues;
using PrivacySync.FunctionsHost;
using PrivacySync.FunctionsHost.Configuration;
using PrivacySync.FunctionsHost.Triggers;

namespace PrivacySync.Tests.FunctionsHost;

/// <summary>Fast tests of how the host reads host.json, local.settings.json and timer schedules.</summary>
public sealed class FunctionsHostSettingsTests : IDisposable
{
    private readonly DirectoryInfo _app = Directory.CreateTempSubdirectory("privacysync-hostjson-");

    [Fact]
    public void HostJsonDefaultsAreTheFunctionsDefaults()
    {
        Write("host.json", """{ "version": "2.0" }""");

        var hostJson = HostJson.Load(_app.FullName);

        Assert.Equal(new QueueSettings(16, 8, TimeSpan.Zero, 5, TimeSpan.FromMinutes(1), QueueMessageEncoding.Base64), hostJson.Queues);
        Assert.Equal("api", hostJson.RoutePrefix);
        Assert.Equal(TimeSpan.FromMinutes(30), hostJson.FunctionTimeout);
    }

    [Fact]
    public void HostJsonValuesAreRead()
    {
        Write("host.json", """
            {
              // comments are allowed, as in the real host
              "version": "2.0",
              "functionTimeout": "-1",
              "logging": { "logLevel": { "default": "Warning", "Function": "Debug" } },
              "extensions": {
                "http": { "routePrefix": "/" },
                "queues": { "batchSize": 4, "newBatchThreshold": 0, "visibilityTimeout": "00:00:03", "maxDequeueCount": 2, "maxPollingInterval": "00:00:00.5", "messageEncoding": "none" }
              }
            }
            """);

        var hostJson = HostJson.Load(_app.FullName);

        Assert.Equal(new QueueSettings(4, 0, TimeSpan.FromSeconds(3), 2, TimeSpan.FromMilliseconds(500), QueueMessageEncoding.None), hostJson.Queues);
        Assert.Equal(string.Empty, hostJson.RoutePrefix);
        Assert.Null(hostJson.FunctionTimeout);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Debug, hostJson.LogLevels["Function"]);
    }

    [Theory]
    [InlineData("""{ "version": "1.0" }""", "'version'")]
    [InlineData("""{ "version": "2.0", "extensions": { "queues": { "batchSize": 64 } } }""", "'extensions.queues.batchSize'")]
    [InlineData("""{ "version": "2.0", "extensions": { "queues": { "visibilityTimeout": "later" } } }""", "'extensions.queues.visibilityTimeout'")]
    [InlineData("""{ "version": "2.0", "extensions": { "queues": { "messageEncoding": "utf8" } } }""", "'extensions.queues.messageEncoding'")]
    [InlineData("""{ "version": "2.0", "extensions": { "http": { "routePrefix": 7 } } }""", "'extensions.http.routePrefix'")]
    [InlineData("""{ "version": "2.0", "functionTimeout": "forever" }""", "'functionTimeout'")]
    [InlineData("""{ "version": "2.0", "logging": { "logLevel": { "default": "Loud" } } }""", "'logging.logLevel.default'")]
    [InlineData("""{ "version": "2.0", "extensions": [] }""", "'extensions'")]
    public void BadHostJsonValueIsNamedWithTheFile(string text, string property)
    {
        Write("host.json", text);

        var error = Assert.Throws<FunctionsHostStartException>(() => HostJson.Load(_app.FullName));

        Assert.Contains(Path.Combine(_app.FullName, "host.json"), error.Message, StringComparison.Ordinal);
        Assert.Contains(property, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnvironmentWinsOverLocalSettingsAndOverridesWinOverBoth()
    {
        var name = "PRIVACYSYNC_HOST_TEST_" + Guid.NewGuid().ToString("N");
        Write("local.settings.json", $$"""{ "IsEncrypted": false, "Values": { "{{name}}": "from-file", "OnlyInFile": "file", "Number": 5 } }""");
        Environment.SetEnvironmentVariable(name, "from-environment");
        try
        {
            var settings = AppSettings.Load(_app.FullName, includeEnvironment: true, new Dictionary<string, string?> { ["Extra"] = "override" });

            Assert.Equal("from-environment", settings.Get(name));
            Assert.Equal("file", settings.Get("onlyinfile"));
            Assert.Equal("5", settings.Get("Number"));
            Assert.Equal("queue-override", settings.Resolve("queue-%Extra%", "test"));
            Assert.Contains("'Missing'", Assert.Throws<FunctionsHostStartException>(() => settings.Resolve("%Missing%", "test")).Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Theory]
    [InlineData("AzureWebJobs.Nightly_Report.Disabled")]
    [InlineData("AzureWebJobs__Nightly_Report__Disabled")]
    [InlineData("AzureWebJobs_Nightly_Report_Disabled")]
    public void DisabledSwitchIsReadWithDotsOrUnderscores(string setting)
    {
        var settings = AppSettings.Load(_app.FullName, includeEnvironment: false, new Dictionary<string, string?> { [setting] = "1" });

        Assert.True(settings.IsDisabled("Nightly_Report"));
        Assert.False(settings.IsDisabled("Nightly"));
        Assert.Equal([(setting, "Nightly_Report")], settings.DisabledSwitches());
    }

    [Theory]
    [InlineData("*/15 * * * * *", "2026-12-01T10:00:07Z", "2026-12-01T10:00:15Z")]
    [InlineData("0 30 9 * * Mon-Fri", "2026-12-04T10:00:00Z", "2026-12-07T09:30:00Z")]
    [InlineData("5 * * * *", "2026-12-01T10:06:00Z", "2026-12-01T11:05:00Z")]
    [InlineData("00:00:20", "2026-12-01T10:00:07Z", "2026-12-01T10:00:27Z")]
    public void TimerSchedulesTakeSixFieldsFiveFieldsOrATimeSpan(string expression, string after, string expected)
    {
        var schedule = TimerSchedule.Parse(expression, "test");

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), schedule.Next(DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void BadTimerScheduleIsNamed()
    {
        var error = Assert.Throws<FunctionsHostStartException>(() => TimerSchedule.Parse("every day", "Function 'Nightly' trigger 'timer'"));

        Assert.Contains("'Nightly'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'every day'", error.Message, StringComparison.Ordinal);
    }

    private void Write(string file, string text) => File.WriteAllText(Path.Combine(_app.FullName, file), text);

    public void Dispose() => _app.Delete(recursive: true);
}
