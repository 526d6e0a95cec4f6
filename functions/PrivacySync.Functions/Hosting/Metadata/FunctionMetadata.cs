using NCrontab;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Functions.Hosting.Metadata;

/// <summary>One entry of a function.json "bindings" array, with %Setting% expressions already resolved.</summary>
public sealed record BindingMetadata(string Name, string Type, string Direction, JObject Properties)
{
    public bool IsTrigger => Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase);

    public bool IsOutput => string.Equals(Direction, "out", StringComparison.OrdinalIgnoreCase);

    public bool Is(string type) => string.Equals(Type, type, StringComparison.OrdinalIgnoreCase);
}

public sealed record QueueTrigger(string QueueName, string ConnectionSetting);

public sealed record QueueOutput(string BindingName, string QueueName, string ConnectionSetting);

public sealed record TimerTrigger(string Expression, CrontabSchedule Schedule, bool RunOnStartup);

public sealed record HttpTrigger(string AuthLevel, IReadOnlyList<string> Methods, string Route)
{
    public bool RequiresFunctionKey =>
        !string.Equals(AuthLevel, "anonymous", StringComparison.OrdinalIgnoreCase);
}

/// <summary>One function as declared by &lt;scriptRoot&gt;/&lt;Name&gt;/function.json.</summary>
public sealed record FunctionMetadata(
    string Name,
    string FilePath,
    IReadOnlyList<BindingMetadata> Bindings,
    BindingMetadata Trigger,
    QueueTrigger? Queue,
    TimerTrigger? Timer,
    HttpTrigger? Http,
    IReadOnlyList<QueueOutput> QueueOutputs)
{
    /// <summary>httpTrigger plus http outputs only: the host forwards these requests instead of sending a payload.</summary>
    public bool IsPureHttp =>
        Http is not null && Bindings.All(binding => binding.IsTrigger || binding.Is("http"));

    /// <summary>The http output binding's name, when the function has one.</summary>
    public string? HttpOutputName => Bindings.FirstOrDefault(binding => binding.IsOutput && binding.Is("http"))?.Name;
}

/// <summary>A loaded, validated script root: host.json and the function.json of every function.</summary>
public sealed record FunctionApp(string ScriptRoot, HostSettings Host, IReadOnlyList<FunctionMetadata> Functions)
{
    public FunctionMetadata? Find(string name) =>
        Functions.FirstOrDefault(function => string.Equals(function.Name, name, StringComparison.OrdinalIgnoreCase));
}
