using Microsoft.Extensions.Options;

namespace PrivacySync.Functions;

/// <summary>
/// A configuration problem found while the app starts (a missing setting, an invalid configuration document, a key that
/// cannot be read) ends the process with exit code 2 and one line naming the setting, instead of a stack trace; the
/// Functions host shows the worker's output and restarts it. Any other exception is a bug and propagates.
/// </summary>
public static class StartupFailure
{
    public const int ExitCode = 2;

    public static int Run(Action run)
    {
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            run();
            return 0;
        }
        catch (Exception e) when (Describe(e) is { } message)
        {
            Console.Error.WriteLine($"PrivacySync cannot start: {message}");
            return ExitCode;
        }
    }

    /// <summary>The message for a configuration failure (unwrapping the host's aggregate), or null for anything else.</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        OptionsValidationException validation => "Invalid settings: " + string.Join(" ", validation.Failures),
        InvalidOperationException or FileNotFoundException => exception.Message,
        AggregateException { InnerExceptions.Count: 1 } aggregate => Describe(aggregate.InnerExceptions[0]),
        _ => null,
    };
}
