namespace PrivacySync.Cli;

public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;

    /// <summary>Bad command-line input or configuration: nothing was started.</summary>
    public const int InvalidInput = 2;
}
