using PrivacySync.Core.Common;
using PrivacySync.Functions.Hosting;

namespace PrivacySync.Functions.Orchestration;

/// <summary>Reading the flow's queue messages; a message that is not one is a bug and goes to poison.</summary>
internal static class FlowMessages
{
    public static T Read<T>(FunctionInvocation invocation)
        where T : class =>
        invocation.MessageText is { Length: > 0 } text
            ? CoreJson.Deserialize<T>(text)
            : throw new InvalidOperationException($"{invocation.FunctionName}: the queue message is empty.");

    /// <summary>Output-binding value for several messages: one JSON text each.</summary>
    public static IReadOnlyList<string> Many<T>(IEnumerable<T> messages) => messages.Select(m => CoreJson.Serialize(m)).ToList();
}
