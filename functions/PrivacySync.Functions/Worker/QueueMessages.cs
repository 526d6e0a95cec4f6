using System.Collections;
using System.Globalization;
using Azure.Storage.Queues.Models;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PrivacySync.Functions.Hosting;
using PrivacySync.Functions.Hosting.Metadata;

namespace PrivacySync.Functions.Worker;

/// <summary>Converts between queue messages and what handlers see and return, the way the host does.</summary>
public static class QueueMessages
{
    /// <summary>Where the host moves a message that failed maxDequeueCount times.</summary>
    public static string PoisonQueueName(string queueName) => queueName + "-poison";

    /// <summary>The invocation the host would send for this message: its text and the queue trigger metadata.</summary>
    public static FunctionInvocation ToInvocation(FunctionMetadata function, QueueMessage message)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(message);
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [QueueMetadataKeys.Id] = message.MessageId,
            [QueueMetadataKeys.PopReceipt] = message.PopReceipt,
            [QueueMetadataKeys.DequeueCount] = message.DequeueCount.ToString(CultureInfo.InvariantCulture),
            [QueueMetadataKeys.InsertionTime] = Format(message.InsertedOn.GetValueOrDefault()),
            [QueueMetadataKeys.ExpirationTime] = Format(message.ExpiresOn.GetValueOrDefault()),
            [QueueMetadataKeys.NextVisibleTime] = Format(message.NextVisibleOn.GetValueOrDefault()),
        };
        return new FunctionInvocation(function.Name, function.Trigger.Name, new JValue(message.MessageText), metadata);
    }

    /// <summary>
    /// The messages an output value stands for: a string is one message; a list or JArray is one message per
    /// item; any other value is one message of its JSON.
    /// </summary>
    public static IReadOnlyList<string> FromOutputValue(object? value) => value switch
    {
        null => [],
        JValue { Type: JTokenType.Null } => [],
        string text => [text],
        JArray array => array.Select(ItemText).ToList(),
        JToken token => [ItemText(token)],
        IEnumerable items => items.Cast<object?>().Where(item => item is not null).Select(item => ItemText(JToken.FromObject(item!))).ToList(),
        _ => [JToken.FromObject(value).ToString(Formatting.None)],
    };

    private static string ItemText(JToken token) =>
        token is JValue { Type: JTokenType.String } text ? (string)text! : token.ToString(Formatting.None);

    private static string Format(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
