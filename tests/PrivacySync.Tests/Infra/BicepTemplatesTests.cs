namespace PrivacySync.Tests.Infra;

/// <summary>infra/ compiles and lints clean with the bicep CLI, offline, and its linter rules are errors.</summary>
public sealed class BicepTemplatesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> ParameterFiles() => [.. Bicep.ParameterFilePaths().Select(Path.GetFileName).OfType<string>()];

    [Fact]
    public void InfraHoldsTheMainTemplateItsModulesAndAParameterFilePerEntity()
    {
        var templates = Bicep.TemplatePaths().Select(p => Path.GetRelativePath(Bicep.InfraPath(""), p)).ToList();

        Assert.Contains("main.bicep", templates);
        Assert.True(templates.Count >= 5, $"main.bicep and its modules: {string.Join(", ", templates)}");
        Assert.Equal(["nordvik-no.bicepparam", "nordvik-se.bicepparam"], Bicep.ParameterFilePaths().Select(Path.GetFileName));
    }

    [Fact]
    public async Task EveryTemplateBuildsWithoutWarnings()
    {
        var output = Directory.CreateTempSubdirectory("privacysync-bicep-");
        try
        {
            // One process for all templates: the CLI starts slowly on a shared machine.
            var run = await Bicep.RunAsync(null, "build", "--pattern", "**/*.bicep", "--outdir", output.FullName);

            Assert.True(run.IsClean, $"bicep build: {run}");
            var expected = Bicep.TemplatePaths().Select(p => Path.ChangeExtension(Path.GetRelativePath(Bicep.InfraPath(""), p), ".json"));
            Assert.All(expected, json => Assert.True(File.Exists(Path.Combine(output.FullName, json)), $"{json} was not written"));
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task EveryTemplateLintsWithoutFindings()
    {
        var run = await Bicep.RunAsync(null, "lint", "--pattern", "**/*.bicep");

        Assert.True(run.IsClean, $"bicep lint: {run}");
    }

    [Fact]
    public async Task LintingFailsOnAFindingInAnyModule()
    {
        var folder = Directory.CreateTempSubdirectory("privacysync-lint-");
        try
        {
            CopyFolder(Bicep.InfraPath(""), folder.FullName);
            var module = Path.Combine(folder.FullName, "modules", "monitoring.bicep");
            await File.AppendAllTextAsync(module, "\nparam unusedSetting string\n", Ct);

            var run = await Bicep.RunInAsync(folder.FullName, null, "lint", "--pattern", "**/*.bicep");

            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains("monitoring.bicep", run.Errors, StringComparison.Ordinal);
            Assert.Contains("Error no-unused-params", run.Errors, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public async Task ParameterFileBuildsAndLintsWithoutWarnings(string fileName)
    {
        var file = Bicep.InfraPath(Path.Combine("params", fileName));
        var environment = Bicep.TestEnvironment(file);

        var lint = await Bicep.RunAsync(environment, "lint", file);
        var build = await Bicep.RunAsync(environment, "build-params", file, "--stdout");

        Assert.True(lint.IsClean, $"bicep lint {fileName}: {lint}");
        Assert.True(build.IsClean, $"bicep build-params {fileName}: {build}");
        Assert.Contains("parametersJson", build.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public async Task ParameterFileWithoutASecretInTheEnvironmentFailsNamingTheVariable(string fileName)
    {
        var file = Bicep.InfraPath(Path.Combine("params", fileName));
        var environment = Bicep.TestEnvironment(file).ToDictionary();
        var missing = Bicep.RequiredEnvironmentVariables(file).First(v => v.StartsWith("PS_SUBJECT_SALT", StringComparison.Ordinal));
        environment.Remove(missing);

        var run = await Bicep.RunAsync(environment, "build-params", file, "--stdout");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(missing, run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLinterRejectsSecretsInOutputsHardCodedLocationsAndPlainSecretParameters()
    {
        var folder = Directory.CreateTempSubdirectory("privacysync-lint-");
        try
        {
            File.Copy(Bicep.InfraPath("bicepconfig.json"), Path.Combine(folder.FullName, "bicepconfig.json"));
            var template = Path.Combine(folder.FullName, "bad.bicep");
            await File.WriteAllTextAsync(template, """
                @secure()
                param token string

                param adminPassword string = 'not-secure'

                resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
                  name: 'id-bad'
                  location: 'norwayeast'
                }

                output tokenValue string = token
                output identityId string = identity.id
                output password string = adminPassword
                """, Ct);

            var run = await Bicep.RunAsync(null, "lint", template);

            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains("Error outputs-should-not-contain-secrets", run.Errors, StringComparison.Ordinal);
            Assert.Contains("Error no-hardcoded-location", run.Errors, StringComparison.Ordinal);
            Assert.Contains("Error secure-secrets-in-params", run.Errors, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
