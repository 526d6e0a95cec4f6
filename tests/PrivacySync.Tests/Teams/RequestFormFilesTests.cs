using Newtonsoft.Json.Linq;
using PrivacySync.Core.Common;
using PrivacySync.Functions.Teams;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Teams;

/// <summary>
/// infra/teams/request-form.{en,nb,sv}.card.json are the form the request form flow posts, made from the one template
/// and the sample configuration. After changing either, write them anew:
/// <c>PRIVACYSYNC_WRITE_FORMS=1 dotnet test … --filter RequestFormFilesTests</c>.
/// </summary>
public sealed class RequestFormFilesTests
{
    public static TheoryData<string> Languages() => [.. CardGallery.Languages];

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task CheckedInFormIsTheTemplateWithTheSampleConfigurationsEntities(string language)
    {
        var path = RepositoryFiles.PathOf($"infra/teams/request-form.{language}.card.json");
        var built = CardGallery.Templates.Render(RequestFormBuilder.Build(CardGallery.SampleConfiguration, WireNames.Parse<Language>(language), CardGallery.Templates));
        if (Environment.GetEnvironmentVariable("PRIVACYSYNC_WRITE_FORMS") == "1")
        {
            await File.WriteAllTextAsync(path, built.ToString() + "\n", TestContext.Current.CancellationToken);
        }

        var shipped = JObject.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));

        Assert.True(JToken.DeepEquals(built, shipped), $"{path} is not what the template makes; write it anew (see {nameof(RequestFormFilesTests)})");
        Assert.Equal(language, (string?)shipped["lang"]);
    }
}
