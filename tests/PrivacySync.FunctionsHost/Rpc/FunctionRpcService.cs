using System.Collections.Concurrent;
using Grpc.Core;

namespace PrivacySync.FunctionsHost.Rpc;

/// <summary>The workers this host started and waits for, by the worker id passed on their command line.</summary>
internal sealed class WorkerRegistry
{
    private readonly ConcurrentDictionary<string, WorkerChannel> _channels = new(StringComparer.Ordinal);

    public void Add(WorkerChannel channel) => _channels[channel.WorkerId] = channel;

    public void Remove(WorkerChannel channel) => _channels.TryRemove(channel.WorkerId, out _);

    public bool TryGet(string workerId, out WorkerChannel channel) => _channels.TryGetValue(workerId, out channel!);
}

/// <summary>The host side of <c>FunctionRpc.EventStream</c>: the first message names the worker (StartStream).</summary>
internal sealed class FunctionRpcService(WorkerRegistry registry) : FunctionRpc.FunctionRpcBase
{
    public override async Task EventStream(
        IAsyncStreamReader<StreamingMessage> requestStream,
        IServerStreamWriter<StreamingMessage> responseStream,
        ServerCallContext context)
    {
        if (!await requestStream.MoveNext(context.CancellationToken))
        {
            return;
        }

        var first = requestStream.Current;
        if (first.ContentCase != StreamingMessage.ContentOneofCase.StartStream)
        {
            throw new Grpc.Core.RpcException(new Status(StatusCode.InvalidArgument, "The first message on the stream must be StartStream."));
        }

        if (!registry.TryGet(first.StartStream.WorkerId, out var channel))
        {
            throw new Grpc.Core.RpcException(new Status(StatusCode.NotFound, $"No worker with id '{first.StartStream.WorkerId}' was started by this host."));
        }

        await channel.RunStreamAsync(requestStream, responseStream, context.CancellationToken);
    }
}
