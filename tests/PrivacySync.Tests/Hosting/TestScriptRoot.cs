using Newtonsoft.Json.Linq;

namespace PrivacySync.Tests.Hosting;

/// <summary>A throw-away script root laid out as the Functions host expects: host.json and &lt;Name&gt;/function.json.</summary>
public sealed class TestScriptRoot : IDisposable
{
    public TestScriptRoot(JObject? queues = null)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "privacysync-scriptroot-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        WriteHostJson(HostJson(queues ?? FastQueues()));
    }

    public string Path { get; }

    public string HostJsonPath => System.IO.Path.Combine(Path, "host.json");

    /// <summary>Short timings so retries and polling happen within a test's patience.</summary>
    public static JObject FastQueues(int maxDequeueCount = 3) => new()
    {
        ["batchSize"] = 4,
        ["newBatchThreshold"] = 2,
        ["maxPollingInterval"] = "00:00:00.200",
        ["visibilityTimeout"] = "00:00:00",
        ["maxDequeueCount"] = maxDequeueCount,
        ["messageEncoding"] = "base64",
    };

    public static JObject HostJson(JObject queues) => new()
    {
        ["version"] = "2.0",
        ["customHandler"] = new JObject
        {
            ["description"] = new JObject { ["defaultExecutablePath"] = "PrivacySync.Functions", ["arguments"] = new JArray("handler") },
            ["enableForwardingHttpRequest"] = true,
        },
        ["extensions"] = new JObject
        {
            ["http"] = new JObject { ["routePrefix"] = "api" },
            ["queues"] = queues,
        },
    };

    public void WriteHostJson(JObject hostJson) => File.WriteAllText(HostJsonPath, hostJson.ToString());

    /// <summary>Writes &lt;name&gt;/function.json and returns its path.</summary>
    public string AddFunction(string name, string functionJson)
    {
        var folder = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(folder);
        var file = System.IO.Path.Combine(folder, "function.json");
        File.WriteAllText(file, functionJson);
        return file;
    }

    public string AddFunction(string name, params JObject[] bindings) =>
        AddFunction(name, new JObject { ["bindings"] = new JArray(bindings.Cast<object>().ToArray()) }.ToString());

    public static JObject QueueTrigger(string queueName, string name = "message") => new()
    {
        ["type"] = "queueTrigger",
        ["direction"] = "in",
        ["name"] = name,
        ["queueName"] = queueName,
        ["connection"] = "AzureWebJobsStorage",
    };

    public static JObject QueueOutput(string name, string queueName) => new()
    {
        ["type"] = "queue",
        ["direction"] = "out",
        ["name"] = name,
        ["queueName"] = queueName,
        ["connection"] = "AzureWebJobsStorage",
    };

    public static JObject TimerTrigger(string schedule, string name = "timer") => new()
    {
        ["type"] = "timerTrigger",
        ["direction"] = "in",
        ["name"] = name,
        ["schedule"] = schedule,
    };

    public static JObject HttpTrigger(string route, string authLevel, params string[] methods) => new()
    {
        ["type"] = "httpTrigger",
        ["direction"] = "in",
        ["name"] = "req",
        ["authLevel"] = authLevel,
        ["methods"] = new JArray(methods.Cast<object>().ToArray()),
        ["route"] = route,
    };

    public static JObject HttpOutput(string name = "res") => new()
    {
        ["type"] = "http",
        ["direction"] = "out",
        ["name"] = name,
    };

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
