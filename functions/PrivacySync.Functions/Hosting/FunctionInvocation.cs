using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Functions.Hosting;

/// <summary>
/// One invocation of a queue, timer or payload-style HTTP function, as the Functions host describes it:
/// the trigger binding's name and value plus the trigger metadata (queue: Id, PopReceipt, DequeueCount,
/// InsertionTime, ExpirationTime, NextVisibleTime). Custom-handler mode and worker mode build the same shape.
/// </summary>
public sealed record FunctionInvocation(
    string FunctionName,
    string TriggerName,
    JToken? TriggerValue,
    IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>The queue message text (a JSON trigger value is returned as compact JSON).</summary>
    public string? MessageText => TriggerValue switch
    {
        null => null,
        JValue { Type: JTokenType.Null } => null,
        JValue value => Convert.ToString(value.Value, CultureInfo.InvariantCulture),
        _ => TriggerValue.ToString(Formatting.None),
    };

    /// <summary>How many times the queue has delivered this message, this delivery included; 0 when not a queue trigger.</summary>
    public long DequeueCount =>
        Metadata.TryGetValue(QueueMetadataKeys.DequeueCount, out var text)
        && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count)
            ? count
            : 0;

    /// <summary>The queue message id, when the trigger is a queue.</summary>
    public string? MessageId => Metadata.TryGetValue(QueueMetadataKeys.Id, out var id) ? id : null;
}

/// <summary>The trigger-metadata keys the queue trigger provides (the host's names).</summary>
public static class QueueMetadataKeys
{
    public const string Id = "Id";
    public const string PopReceipt = "PopReceipt";
    public const string DequeueCount = "DequeueCount";
    public const string InsertionTime = "InsertionTime";
    public const string ExpirationTime = "ExpirationTime";
    public const string NextVisibleTime = "NextVisibleTime";
}
