using System.Collections.Concurrent;
using Azure.Storage.Queues;
using Newtonsoft.Json.Linq;
using PrivacySync.FunctionsHost.Configuration;
using PrivacySync.FunctionsHost.Rpc;

namespace PrivacySync.FunctionsHost.Triggers;

/// <summary>Queue clients by connection setting and queue name, built from the app settings like the real host.</summary>
internal sealed class QueueClients(AppSettings settings, QueueSettings queueSettings)
{
    /// <summary>Where a message goes after maxDequeueCount failed deliveries (or when it cannot be decoded), as the Functions host names it.</summary>
    public static string PoisonQueueName(string queueName) => queueName + "-poison";

    public const string DefaultConnection = "AzureWebJobsStorage";
    private readonly ConcurrentDictionary<(string, string), Lazy<Task<QueueClient>>> _clients = new();

    /// <summary>The connection string behind a binding's <c>connection</c> (default AzureWebJobsStorage).</summary>
    public string ConnectionString(string? connection, string context)
    {
        var name = string.IsNullOrWhiteSpace(connection) ? DefaultConnection : connection;
        // The Functions host accepts the name itself, AzureWebJobs<name>, and the ConnectionStrings section.
        var value = settings.Get(name) ?? settings.Get($"AzureWebJobs{name}") ?? settings.Get($"ConnectionStrings:{name}");
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new FunctionsHostStartException(
                $"{context} uses the storage connection '{name}', but the app setting '{name}' is not set "
                + "(this local host takes a connection string).");
        }

        return value;
    }

    public QueueClient Create(string connectionString, string queueName) =>
        new(connectionString, queueName, new QueueClientOptions { MessageEncoding = queueSettings.MessageEncoding });

    /// <summary>
    /// A client for a trigger queue: a message that does not decode (e.g. not base64 while host.json says base64)
    /// goes to &lt;queue&gt;-poison as it was received, as the Functions queue trigger does.
    /// </summary>
    public QueueClient CreateForTrigger(string connectionString, string queueName, Action<string> poisoned)
    {
        var options = new QueueClientOptions { MessageEncoding = queueSettings.MessageEncoding };
        options.MessageDecodingFailed += async args =>
        {
            if (args.ReceivedMessage is not { } message)
            {
                return;
            }

            var poison = new QueueClient(connectionString, PoisonQueueName(args.Queue.Name), new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
            if (args.IsRunningSynchronously)
            {
                poison.CreateIfNotExists(cancellationToken: args.CancellationToken);
                poison.SendMessage(message.Body, cancellationToken: args.CancellationToken);
                args.Queue.DeleteMessage(message.MessageId, message.PopReceipt, args.CancellationToken);
            }
            else
            {
                await poison.CreateIfNotExistsAsync(cancellationToken: args.CancellationToken);
                await poison.SendMessageAsync(message.Body, cancellationToken: args.CancellationToken);
                await args.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, args.CancellationToken);
            }

            poisoned(message.MessageId);
        };
        return new QueueClient(connectionString, queueName, options);
    }

    /// <summary>A client for an output or poison queue, created on first use.</summary>
    public Task<QueueClient> GetCreatedAsync(string connectionString, string queueName, CancellationToken cancellationToken) =>
        _clients.GetOrAdd((connectionString, queueName), key => new Lazy<Task<QueueClient>>(async () =>
        {
            var client = Create(key.Item1, key.Item2);
            await client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            return client;
        })).Value;
}

/// <summary>Writes the queue output bindings of an InvocationResponse: a collection is one message per item.</summary>
internal sealed class QueueOutputWriter(QueueClients clients)
{
    private readonly Dictionary<BindingDefinition, (string Connection, string Queue)> _targets = new();

    /// <summary>Resolves every queue output of the function (at start, so a bad setting stops the start).</summary>
    public void Prepare(FunctionDefinition function, AppSettings settings)
    {
        foreach (var output in function.Outputs.Where(o => o.Is("queue")))
        {
            var context = $"Function '{function.Name}' output '{output.Name}'";
            var queue = settings.Resolve(output.Property("queueName") ?? throw new FunctionsHostStartException($"{context} has no queueName."), context);
            _targets[output] = (clients.ConnectionString(output.Property("connection"), context), queue.ToLowerInvariant());
        }
    }

    public async Task WriteAsync(FunctionDefinition function, InvocationResponse response, CancellationToken cancellationToken)
    {
        foreach (var output in function.Outputs)
        {
            if (!_targets.TryGetValue(output, out var target))
            {
                continue;
            }

            var data = output.Name == "$return"
                ? response.ReturnValue
                : response.OutputData.FirstOrDefault(o => o.Name == output.Name)?.Data;
            var messages = Messages(data).ToList();
            if (messages.Count == 0)
            {
                continue;
            }

            var client = await clients.GetCreatedAsync(target.Connection, target.Queue, cancellationToken);
            foreach (var message in messages)
            {
                await client.SendMessageAsync(message, cancellationToken: cancellationToken);
            }
        }
    }

    private static IEnumerable<BinaryData> Messages(TypedData? data)
    {
        switch (data?.DataCase)
        {
            case null or TypedData.DataOneofCase.None:
                yield break;
            case TypedData.DataOneofCase.String:
                yield return BinaryData.FromString(data.String);
                break;
            case TypedData.DataOneofCase.Json:
                // A JSON array is a collection: one message per element, as the host's IAsyncCollector does.
                var token = JToken.Parse(data.Json);
                if (token is JArray array)
                {
                    foreach (var item in array)
                    {
                        yield return BinaryData.FromString(item.Type == JTokenType.String ? (string)item! : item.ToString(Newtonsoft.Json.Formatting.None));
                    }
                }
                else if (token.Type == JTokenType.String)
                {
                    yield return BinaryData.FromString((string)token!);
                }
                else if (token.Type != JTokenType.Null)
                {
                    yield return BinaryData.FromString(token.ToString(Newtonsoft.Json.Formatting.None));
                }

                break;
            case TypedData.DataOneofCase.Bytes:
                yield return BinaryData.FromBytes(data.Bytes.ToByteArray());
                break;
            case TypedData.DataOneofCase.Stream:
                yield return BinaryData.FromBytes(data.Stream.ToByteArray());
                break;
            case TypedData.DataOneofCase.Int:
                yield return BinaryData.FromString(data.Int.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case TypedData.DataOneofCase.Double:
                yield return BinaryData.FromString(data.Double.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case TypedData.DataOneofCase.CollectionString:
                foreach (var item in data.CollectionString.String)
                {
                    yield return BinaryData.FromString(item);
                }

                break;
            case TypedData.DataOneofCase.CollectionBytes:
                foreach (var item in data.CollectionBytes.Bytes)
                {
                    yield return BinaryData.FromBytes(item.ToByteArray());
                }

                break;
            case TypedData.DataOneofCase.CollectionSint64:
                foreach (var item in data.CollectionSint64.Sint64)
                {
                    yield return BinaryData.FromString(item.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                break;
            case TypedData.DataOneofCase.CollectionDouble:
                foreach (var item in data.CollectionDouble.Double)
                {
                    yield return BinaryData.FromString(item.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                break;
            default:
                throw new NotSupportedException($"A queue output cannot take {data.DataCase}.");
        }
    }
}
