using System.CommandLine;

namespace PrivacySync.Functions.Cli;

/// <summary>Options shared by several commands.</summary>
internal static class CliOptions
{
    public static Option<string?> ScriptRoot() => new("--script-root")
    {
        Description = "Folder holding host.json and <FunctionName>/function.json (default: the executable's folder).",
    };

    public static string ResolveScriptRoot(string? value) =>
        string.IsNullOrWhiteSpace(value) ? AppContext.BaseDirectory : Path.GetFullPath(value);
}
