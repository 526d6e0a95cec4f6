using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PrivacySync.Functions.Hosting;
using PrivacySync.Functions.Hosting.Metadata;
using PrivacySync.Functions.Worker;
using static PrivacySync.Tests.Hosting.TestScriptRoot;

namespace PrivacySync.Tests.Hosting;

/// <summary>Start-up refuses a broken configuration and names the file and property, or the setting, at fault.</summary>
public sealed class StartupValidationTests : IDisposable
{
    private const string Storage = "UseDevelopmentStorage=true";
    private readonly TestScriptRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void MissingAzureWebJobsStorageIsNamed()
    {
        _root.AddFunction(Work.Name, QueueTrigger("work-items"));

        var problems = StartFails(settings: new Dictionary<string, string?>());

        Assert.Contains(problems, problem => problem.Source == "AzureWebJobsStorage" && problem.Message.Contains("AzureWebJobsStorage"));
    }

    [Fact]
    public void InvalidAzureWebJobsStorageIsNamedWithoutEchoingIt()
    {
        _root.AddFunction(Work.Name, QueueTrigger("work-items"));

        var problems = StartFails(settings: new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "AccountName=x;AccountKey=secretkeyvalue" });

        var problem = Assert.Single(problems);
        Assert.Equal("AzureWebJobsStorage", problem.Source);
        Assert.DoesNotContain("secretkeyvalue", problem.Message);
    }

    [Fact]
    public void HostJsonFunctionsListNamingAMissingFolderIsReported()
    {
        _root.AddFunction(Work.Name, QueueTrigger("work-items"));
        var hostJson = HostJson(FastQueues());
        hostJson["functions"] = new JArray("Work", "Ghost");
        _root.WriteHostJson(hostJson);

        var problem = Assert.Single(StartFails());

        Assert.Equal(_root.HostJsonPath, problem.Source);
        Assert.Contains("'Ghost'", problem.Message);
    }

    [Fact]
    public void MalformedFunctionJsonNamesTheFile()
    {
        var file = _root.AddFunction(Work.Name, """{ "bindings": [ { "type": "queueTrigger", """);

        var problem = Assert.Single(StartFails());

        Assert.Equal(file, problem.Source);
        Assert.Contains("not valid JSON", problem.Message);
    }

    [Fact]
    public void FunctionJsonWithoutATriggerIsReported()
    {
        var file = _root.AddFunction(Work.Name, QueueOutput("next", "work-next"));

        var problem = Assert.Single(StartFails());

        Assert.Equal(file, problem.Source);
        Assert.Contains("no trigger", problem.Message);
    }

    [Fact]
    public void QueueTriggerWithoutQueueNameNamesTheProperty()
    {
        var trigger = QueueTrigger("work-items");
        trigger.Remove("queueName");
        var file = _root.AddFunction(Work.Name, trigger);

        var problem = Assert.Single(StartFails());

        Assert.Equal(file, problem.Source);
        Assert.Contains("'queueName'", problem.Message);
    }

    [Fact]
    public void UnparseableScheduleNamesTheProperty()
    {
        var file = _root.AddFunction(Tick.Name, TimerTrigger("every night at two"));

        var problem = Assert.Single(StartFails());

        Assert.Equal(file, problem.Source);
        Assert.Contains("'schedule'", problem.Message);
        Assert.Contains("every night at two", problem.Message);
    }

    [Fact]
    public void UnsetAppSettingExpressionIsNamed()
    {
        var file = _root.AddFunction(Work.Name, QueueTrigger("%WorkQueueName%"));

        var problem = Assert.Single(StartFails());

        Assert.Equal(file, problem.Source);
        Assert.Contains("%WorkQueueName%", problem.Message);
    }

    [Fact]
    public async Task AppSettingExpressionsAreResolvedInBindingProperties()
    {
        _root.AddFunction(Work.Name, QueueTrigger("%WorkQueueName%"));

        await using var worker = WorkerHost.Create(Options(settings: Settings(("WorkQueueName", "work-from-setting"))));

        Assert.Equal("work-from-setting", Assert.Single(worker.App.Functions).Queue!.QueueName);
    }

    [Fact]
    public void FunctionJsonWithoutARegisteredHandlerIsReported()
    {
        var file = _root.AddFunction("Orphan", QueueTrigger("orphans"));

        var problem = Assert.Single(StartFails(register: _ => { }));

        Assert.Equal(file, problem.Source);
        Assert.Contains("no handler is registered for function 'Orphan'", problem.Message);
    }

    [Fact]
    public void RegisteredHandlerWithoutFunctionJsonIsReported()
    {
        _root.AddFunction(Work.Name, QueueTrigger("work-items"));

        var problem = Assert.Single(StartFails(register: services => services
            .AddFunction<ProbeHandler<Work>>()
            .AddFunction<ProbeHandler<Fanout>>()));

        Assert.Contains("'Fanout'", problem.Message);
        Assert.Contains("no Fanout/function.json", problem.Message);
    }

    [Fact]
    public void PureHttpFunctionNeedsAnHttpFunctionHandler()
    {
        var file = _root.AddFunction(Order.Name, HttpTrigger("orders", "anonymous", "get"), HttpOutput());

        var problem = Assert.Single(StartFails(register: services => services.AddFunction<ProbeHandler<Order>>()));

        Assert.Equal(file, problem.Source);
        Assert.Contains(nameof(IHttpFunction), problem.Message);
    }

    [Fact]
    public void FunctionAuthLevelNeedsTheFunctionKeySetting()
    {
        _root.AddFunction("Secret", HttpTrigger("secret", "function", "get"), HttpOutput());

        var problem = Assert.Single(StartFails(register: services => services.AddFunction<SecretFunction>()));

        Assert.Equal(WorkerHostOptions.FunctionKeySetting, problem.Source);
        Assert.Contains("authLevel 'function'", problem.Message);
    }

    [Fact]
    public void QueueFilterNamingAQueueNoFunctionListensToIsReported()
    {
        _root.AddFunction(Work.Name, QueueTrigger("work-items"));

        var problem = Assert.Single(StartFails(options: Options() with { Queues = ["work-itemz"] }));

        Assert.Equal("--queues", problem.Source);
        Assert.Contains("'work-itemz'", problem.Message);
    }

    [Fact]
    public void EveryProblemIsReportedAtOnce()
    {
        _root.AddFunction(Tick.Name, TimerTrigger("nonsense"));
        _root.AddFunction("Orphan", QueueTrigger("orphans"));

        var problems = StartFails(settings: new Dictionary<string, string?>());

        Assert.Collection(
            problems.OrderBy(problem => problem.Source, StringComparer.Ordinal),
            problem => Assert.Contains("no handler is registered for function 'Orphan'", problem.Message),
            problem => Assert.Contains("'schedule'", problem.Message),
            problem => Assert.Equal("AzureWebJobsStorage", problem.Source));
    }

    private static Dictionary<string, string?> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?> { ["AzureWebJobsStorage"] = Storage };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    private WorkerHostOptions Options(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? register = null) => new()
    {
        ScriptRoot = _root.Path,
        UseDefaultConfigurationSources = false,
        Settings = settings ?? Settings(),
        HttpPort = 0,
        ConfigureServices = (services, _) =>
        {
            services.AddSingleton(new Probes());
            (register ?? RegisterProbesForPresentFolders)(services);
        },
    };

    private void RegisterProbesForPresentFolders(IServiceCollection services)
    {
        if (Directory.Exists(Path.Combine(_root.Path, Work.Name)))
        {
            services.AddFunction<ProbeHandler<Work>>();
        }

        if (Directory.Exists(Path.Combine(_root.Path, Tick.Name)))
        {
            services.AddFunction<ProbeHandler<Tick>>();
        }
    }

    private IReadOnlyList<ConfigurationProblem> StartFails(
        Dictionary<string, string?>? settings = null,
        Action<IServiceCollection>? register = null,
        WorkerHostOptions? options = null)
    {
        var ex = Assert.Throws<FunctionAppConfigurationException>(() => WorkerHost.Create(options ?? Options(settings, register)));
        Assert.All(ex.Problems, problem => Assert.Contains(problem.ToString(), ex.Message));
        return ex.Problems;
    }
}
