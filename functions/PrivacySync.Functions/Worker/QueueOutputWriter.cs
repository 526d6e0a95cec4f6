using PrivacySync.Functions.Hosting;
using PrivacySync.Functions.Hosting.Metadata;

namespace PrivacySync.Functions.Worker;

/// <summary>Writes a result's queue output bindings (and a <c>$return</c> queue binding) as the host would.</summary>
internal sealed class QueueOutputWriter(StorageAccounts accounts)
{
    public const string ReturnBindingName = "$return";

    public async Task WriteAsync(FunctionMetadata function, FunctionResult result, CancellationToken ct)
    {
        foreach (var output in function.QueueOutputs)
        {
            var value = output.BindingName == ReturnBindingName ? result.ReturnValue : Find(result, output.BindingName);
            var messages = QueueMessages.FromOutputValue(value);
            if (messages.Count == 0)
            {
                continue;
            }

            var queue = accounts.GetQueue(output.ConnectionSetting, output.QueueName);
            foreach (var message in messages)
            {
                await queue.SendMessageAsync(message, ct).ConfigureAwait(false);
            }
        }
    }

    private static object? Find(FunctionResult result, string bindingName) =>
        result.Outputs.TryGetValue(bindingName, out var value)
            ? value
            : result.Outputs.FirstOrDefault(pair => string.Equals(pair.Key, bindingName, StringComparison.OrdinalIgnoreCase)).Value;
}
