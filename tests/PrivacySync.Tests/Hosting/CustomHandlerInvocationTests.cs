using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PrivacySync.Functions.CustomHandler;
using PrivacySync.Functions.Hosting;
using static PrivacySync.Tests.Hosting.TestScriptRoot;

namespace PrivacySync.Tests.Hosting;

/// <summary>
/// The custom-handler endpoint on a real Kestrel, fed payloads shaped as the Functions host sends them: string
/// values serialized twice ("\"text\""), numbers as strings (DequeueCount "2"), objects as objects.
/// </summary>
public sealed class CustomHandlerInvocationTests : IAsyncLifetime
{
    private const string QueuePayload = """
        {
          "Data": {
            "message": "\"{\\\"requestId\\\":\\\"req-7\\\",\\\"system\\\":\\\"hubspot\\\"}\""
          },
          "Metadata": {
            "DequeueCount": "2",
            "ExpirationTime": "\"2026-11-30T12:00:00+00:00\"",
            "Id": "\"6f9619ff-8b86-d011-b42d-00cf4fc964ff\"",
            "InsertionTime": "\"2026-11-23T12:00:00+00:00\"",
            "NextVisibleTime": "\"2026-11-23T12:10:00+00:00\"",
            "PopReceipt": "\"AgAAAAMAAAAAAAAAAgtnj8x+1QE=\"",
            "sys": { "MethodName": "Work", "UtcNow": "2026-11-23T12:00:01.2205399Z", "RandGuid": "24ad4c06-24ad-4e5b-8294-3da9714877e9" }
          }
        }
        """;

    private const string TimerPayload = """
        {
          "Data": {
            "timer": {
              "Schedule": { "AdjustForDST": true },
              "ScheduleStatus": { "Last": "2026-11-22T02:00:00+00:00", "Next": "2026-11-24T02:00:00+00:00", "LastUpdated": "2026-11-22T02:00:00.0123+00:00" },
              "IsPastDue": true
            }
          },
          "Metadata": {
            "sys": { "MethodName": "Tick", "UtcNow": "2026-11-23T02:00:07.1Z", "RandGuid": "9d2b0a43-5d4e-4c3c-9a3f-2f5e8f0d2b11" }
          }
        }
        """;

    private const string HttpPayload = """
        {
          "Data": {
            "req": {
              "Url": "http://localhost:7071/api/orders?priority=high",
              "Method": "POST",
              "Query": { "priority": "high" },
              "Headers": { "Content-Type": [ "application/json" ] },
              "Params": {},
              "Body": "{\"requestId\":\"req-9\"}"
            }
          },
          "Metadata": {
            "Query": { "priority": "high" },
            "Headers": { "Content-Type": "application/json" },
            "sys": { "MethodName": "Order", "UtcNow": "2026-11-23T12:00:00Z", "RandGuid": "0b5e3b1e-3c1c-4a43-9e47-8e7b1f0c9a22" }
          }
        }
        """;

    private readonly TestScriptRoot _root = new();
    private readonly Probes _probes = new();
    private readonly HttpClient _client = new();
    private WebApplication? _app;

    public async ValueTask InitializeAsync()
    {
        _root.AddFunction(Work.Name, QueueTrigger("work-items"), QueueOutput("next", "work-next"));
        _root.AddFunction(Tick.Name, TimerTrigger("0 0 2 * * *"));
        _root.AddFunction(Order.Name, HttpTrigger("orders", "function", "post"), QueueOutput("orders", "orders"), HttpOutput());
        _root.AddFunction("Secret", HttpTrigger("secret", "function", "get"), HttpOutput());
        _app = CustomHandlerApp.Build(new CustomHandlerOptions
        {
            ScriptRoot = _root.Path,
            Port = 0,
            UseDefaultConfigurationSources = false,
            Settings = new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" },
            ConfigureServices = (services, _) => services
                .AddSingleton(_probes)
                .AddFunction<ProbeHandler<Work>>()
                .AddFunction<ProbeHandler<Tick>>()
                .AddFunction<ProbeHandler<Order>>()
                .AddFunction<SecretFunction>(),
        });
        await _app.StartAsync(TestContext.Current.CancellationToken);
        _client.BaseAddress = new Uri(_app.Urls.First());
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _root.Dispose();
    }

    [Fact]
    public async Task QueuePayloadReachesTheHandlerDecodedAndOutputsComeBack()
    {
        _probes.For<Work>().Behaviour = (_, _) => Task.FromResult(
            FunctionResult.WithOutput("next", new JArray("req-7:a", "req-7:b")).AndLog("handled req-7"));

        var (status, body) = await PostAsync("/Work", QueuePayload);

        Assert.Equal(HttpStatusCode.OK, status);
        var invocation = Assert.Single(_probes.For<Work>().Invocations);
        Assert.Equal("Work", invocation.FunctionName);
        Assert.Equal("message", invocation.TriggerName);
        Assert.Equal("""{"requestId":"req-7","system":"hubspot"}""", invocation.MessageText);
        Assert.Equal(2, invocation.DequeueCount);
        Assert.Equal("6f9619ff-8b86-d011-b42d-00cf4fc964ff", invocation.MessageId);
        Assert.Equal("AgAAAAMAAAAAAAAAAgtnj8x+1QE=", invocation.Metadata["PopReceipt"]);
        Assert.Equal("2026-11-23T12:00:00+00:00", invocation.Metadata["InsertionTime"]);
        Assert.Equal("Work", (string?)JObject.Parse(invocation.Metadata["sys"])["MethodName"]);

        Assert.Equal(new JArray("req-7:a", "req-7:b"), body["Outputs"]!["next"]);
        Assert.Equal(new JArray("handled req-7"), body["Logs"]);
        Assert.Equal(JTokenType.Null, body["ReturnValue"]!.Type);
    }

    [Fact]
    public async Task TimerPayloadCarriesTheScheduleStatusUnchanged()
    {
        var (status, _) = await PostAsync("/Tick", TimerPayload);

        Assert.Equal(HttpStatusCode.OK, status);
        var invocation = Assert.Single(_probes.For<Tick>().Invocations);
        Assert.Equal("timer", invocation.TriggerName);
        var timer = Assert.IsType<JObject>(invocation.TriggerValue);
        Assert.True((bool)timer["IsPastDue"]!);
        Assert.Equal("2026-11-24T02:00:00+00:00", (string?)timer["ScheduleStatus"]!["Next"]);
        Assert.Equal(0, invocation.DequeueCount);
        Assert.Null(invocation.MessageId);
    }

    [Fact]
    public async Task HttpPayloadCarriesTheRequestAndTheHttpOutputComesBack()
    {
        _probes.For<Order>().Behaviour = (invocation, _) =>
        {
            var body = JObject.Parse((string)invocation.TriggerValue!["Body"]!);
            return Task.FromResult(FunctionResult
                .WithOutput("orders", (string)body["requestId"]!)
                .AndOutput("res", new JObject { ["statusCode"] = 202, ["body"] = "accepted" }));
        };

        var (status, response) = await PostAsync("/Order", HttpPayload);

        Assert.Equal(HttpStatusCode.OK, status);
        var invocation = Assert.Single(_probes.For<Order>().Invocations);
        Assert.Equal("POST", (string?)invocation.TriggerValue!["Method"]);
        Assert.Equal("high", (string?)invocation.TriggerValue["Query"]!["priority"]);
        Assert.Equal("req-9", (string?)response["Outputs"]!["orders"]);
        Assert.Equal(202, (int)response["Outputs"]!["res"]!["statusCode"]!);
    }

    [Fact]
    public async Task FailingHandlerAnswers500SoTheHostRetries()
    {
        _probes.For<Work>().Behaviour = (_, _) => throw new InvalidOperationException("connector down");

        var (status, body) = await PostAsync("/Work", QueuePayload);

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Contains("Work", (string?)body["error"]);
        Assert.DoesNotContain("connector down", body.ToString());
    }

    [Fact]
    public async Task UnknownFunctionAnswers404NamingIt()
    {
        var (status, body) = await PostAsync("/NoSuchFunction", QueuePayload);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("NoSuchFunction", (string?)body["error"]);
    }

    [Fact]
    public async Task PureHttpFunctionIsServedOnItsForwardedPathWithoutAKeyCheck()
    {
        // The host checks keys before forwarding; the handler itself does not.
        var response = await _client.GetAsync("/api/secret", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("classified", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var (status, _) = await PostAsync("/Secret", "{}");
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task AnswersTheHostsReadinessPing()
    {
        var response = await _client.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<(HttpStatusCode Status, JObject Body)> PostAsync(string path, string payload)
    {
        using var content = new StringContent(payload, Encoding.UTF8, "application/json");
        var response = await _client.PostAsync(path, content, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, text.Length == 0 ? new JObject() : JObject.Parse(text));
    }
}
