using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PrivacySync.FunctionsHost.Rpc;

namespace PrivacySync.FunctionsHost;

/// <summary>One binding of a function, as the worker reported it (raw JSON keeps every property).</summary>
internal sealed record BindingDefinition(string Name, string Type, BindingInfo.Types.Direction Direction, JObject Raw)
{
    public string? Property(string name) =>
        Raw.GetValue(name, StringComparison.OrdinalIgnoreCase) is { Type: not JTokenType.Null } token
            ? token.Type == JTokenType.String ? (string?)token : token.ToString(Formatting.None)
            : null;

    public bool Is(string type) => Type.Equals(type, StringComparison.OrdinalIgnoreCase);
}

/// <summary>A function of the app: its metadata (sent back in FunctionLoadRequest), trigger and output bindings.</summary>
internal sealed record FunctionDefinition(
    string Name,
    string FunctionId,
    RpcFunctionMetadata Metadata,
    BindingDefinition Trigger,
    IReadOnlyList<BindingDefinition> Outputs)
{
    public static FunctionDefinition From(RpcFunctionMetadata metadata)
    {
        if (string.IsNullOrEmpty(metadata.FunctionId))
        {
            metadata.FunctionId = Guid.NewGuid().ToString();
        }

        var bindings = metadata.RawBindings.Select(raw => ParseBinding(metadata.Name, raw)).ToList();
        if (metadata.Bindings.Count == 0)
        {
            foreach (var binding in bindings)
            {
                metadata.Bindings[binding.Name] = new BindingInfo
                {
                    Type = binding.Type,
                    Direction = binding.Direction,
                    DataType = ParseDataType(binding.Property("dataType")),
                };
            }
        }

        var triggers = bindings.Where(b => b.Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase)).ToList();
        if (triggers.Count != 1)
        {
            throw new FunctionsHostStartException(
                $"Function '{metadata.Name}' has {triggers.Count} trigger bindings; a function has exactly one.");
        }

        return new FunctionDefinition(
            metadata.Name,
            metadata.FunctionId,
            metadata,
            triggers[0],
            bindings.Where(b => b.Direction != BindingInfo.Types.Direction.In).ToList());
    }

    /// <summary>Reads functions.metadata, for a worker that asks the host to index (use_default_metadata_indexing).</summary>
    public static IReadOnlyList<RpcFunctionMetadata> ReadMetadataFile(string appDirectory)
    {
        var path = Path.Combine(appDirectory, "functions.metadata");
        if (!File.Exists(path))
        {
            throw new FunctionsHostStartException($"{path} is missing and the worker did not report its functions.");
        }

        JArray functions;
        try
        {
            functions = JArray.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new FunctionsHostStartException($"{path} is not valid JSON: {e.Message}", e);
        }

        var result = new List<RpcFunctionMetadata>();
        foreach (var function in functions.OfType<JObject>())
        {
            var metadata = new RpcFunctionMetadata
            {
                Name = (string?)function["name"] ?? throw new FunctionsHostStartException($"{path}: a function has no 'name'."),
                ScriptFile = (string?)function["scriptFile"] ?? string.Empty,
                EntryPoint = (string?)function["entryPoint"] ?? string.Empty,
                Language = (string?)function["language"] ?? "dotnet-isolated",
                Directory = appDirectory,
                FunctionId = Guid.NewGuid().ToString(),
            };
            foreach (var binding in (function["bindings"] as JArray ?? []).OfType<JObject>())
            {
                metadata.RawBindings.Add(binding.ToString(Formatting.None));
            }

            result.Add(metadata);
        }

        return result;
    }

    private static BindingDefinition ParseBinding(string functionName, string raw)
    {
        JObject json;
        try
        {
            json = JObject.Parse(raw);
        }
        catch (JsonException e)
        {
            throw new FunctionsHostStartException($"Function '{functionName}' has a binding that is not valid JSON: {e.Message}", e);
        }

        var name = (string?)json.GetValue("name", StringComparison.OrdinalIgnoreCase);
        var type = (string?)json.GetValue("type", StringComparison.OrdinalIgnoreCase);
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(type))
        {
            throw new FunctionsHostStartException($"Function '{functionName}' has a binding without 'name' or 'type'.");
        }

        var direction = ((string?)json.GetValue("direction", StringComparison.OrdinalIgnoreCase))?.ToLowerInvariant() switch
        {
            "out" => BindingInfo.Types.Direction.Out,
            "inout" => BindingInfo.Types.Direction.Inout,
            _ => BindingInfo.Types.Direction.In,
        };
        return new BindingDefinition(name, type, direction, json);
    }

    private static BindingInfo.Types.DataType ParseDataType(string? dataType) => dataType?.ToLowerInvariant() switch
    {
        "string" => BindingInfo.Types.DataType.String,
        "binary" => BindingInfo.Types.DataType.Binary,
        "stream" => BindingInfo.Types.DataType.Stream,
        _ => BindingInfo.Types.DataType.Undefined,
    };
}
