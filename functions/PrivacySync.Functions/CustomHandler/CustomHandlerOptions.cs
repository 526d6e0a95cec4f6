using PrivacySync.Functions.Hosting;

namespace PrivacySync.Functions.CustomHandler;

public sealed record CustomHandlerOptions : FunctionHostOptions
{
    /// <summary>The environment variable through which the Functions host tells the handler its port.</summary>
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>The loopback port to listen on; 0 picks a free port (tests).</summary>
    public int Port { get; init; }
}
