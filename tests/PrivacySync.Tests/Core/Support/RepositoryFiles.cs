namespace PrivacySync.Tests.Core.Support;

internal static class RepositoryFiles
{
    /// <summary>A file by its path from the repository root (the folder holding PrivacySync.sln).</summary>
    public static string PathOf(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PrivacySync.sln")))
            {
                return Path.Combine(dir.FullName, relativePath);
            }
        }

        throw new InvalidOperationException("PrivacySync.sln not found above " + AppContext.BaseDirectory);
    }
}
