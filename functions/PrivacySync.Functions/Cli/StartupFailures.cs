using Microsoft.Extensions.Options;

namespace PrivacySync.Functions.Cli;

/// <summary>Start-up failures caused by configuration (settings, the configuration document, keys), which exit with code 2.</summary>
internal static class StartupFailures
{
    public static bool IsConfiguration(Exception exception) =>
        exception is OptionsValidationException or InvalidOperationException or FileNotFoundException;

    public static string Describe(Exception exception) => exception switch
    {
        OptionsValidationException validation => "Invalid settings: " + string.Join(" ", validation.Failures),
        _ => exception.Message,
    };
}
