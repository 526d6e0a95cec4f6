using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using PrivacySync.Connectors.Hr.Mapping;
using PrivacySync.Sandbox.HrDatabase;

namespace PrivacySync.Tests.Connectors.Hr;

/// <summary>A mapping that does not fit the live schema is refused at start with every problem named.</summary>
public sealed class HrMappingValidationTests(HrDatabases databases) : IClassFixture<HrDatabases>
{
    private static readonly FakeTimeProvider Today = new FakeTimeProvider(new DateTimeOffset(2026, 6, 15, 12, 0, 0, TimeSpan.Zero));

    public static TheoryData<string, string, string> Cases()
    {
        var cases = new (string Name, string Expected)[]
        {
            ("unknown-table", "table 'payroll_archive' does not exist in the database"),
            ("unknown-column", "table 'employees': column 'middle_name' (mapped column) does not exist"),
            ("retention-date-not-a-date", "table 'contracts': column 'title' (retention date) has type"),
            ("keep-if-not-boolean", "table 'applicants': column 'position' (keep-if flag) has type"),
            ("null-on-not-null", "table 'employees': column 'first_name' is erased by 'null' but is NOT NULL"),
            ("pseudonymise-number", "table 'contracts': column 'monthly_salary' is erased by 'pseudonymise' but has type"),
            ("email-lookup-on-date", "table 'employees': column 'birth_date' (e-mail lookup) has type"),
            ("special-without-condition", "table 'sick_leave' holds special-category data (Art. 9) but names no article9Condition"),
            ("deleted-parent-retained-child", "table 'contracts' retains rows but its parent 'employees' deletes them"),
            ("unknown-action", "table 'training': unknown erasure action 'shred'"),
        };
        var data = new TheoryData<string, string, string>();
        foreach (var provider in HrProviders.Names)
            foreach (var (name, expected) in cases)
                data.Add(provider, name, expected);
        return data;
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task RefusesAMappingThatDoesNotFitTheSchema(string provider, string breakage, string expected)
    {
        var db = await databases.GetAsync(provider);
        var mapping = Break(breakage);

        var error = await Assert.ThrowsAsync<HrMappingException>(() => db.ConnectorAsync(Today, mapping));

        Assert.Contains(error.Errors, e => e.StartsWith(expected, StringComparison.Ordinal));
        Assert.Contains(expected, error.Message);
    }

    [Theory, MemberData(nameof(HrProviders.All), MemberType = typeof(HrProviders))]
    public async Task ListsEveryProblemAtOnce(string provider)
    {
        var db = await databases.GetAsync(provider);
        var json = JObject.Parse(HrSample.MappingJson);
        Employees(json)["columns"]!.Value<JArray>()!.Add(new JObject { ["column"] = "middle_name", ["label"] = "Middle name" });
        Child(json, "contracts")["erasure"]!["after"] = "title";

        var error = await Assert.ThrowsAsync<HrMappingException>(() => db.ConnectorAsync(Today, HrMappingLoader.Parse(json.ToString())));

        Assert.Equal(2, error.Errors.Count);
    }

    [Theory, MemberData(nameof(HrProviders.All), MemberType = typeof(HrProviders))]
    public async Task AcceptsTheSampleMapping(string provider)
    {
        var db = await databases.GetAsync(provider);

        var connector = await db.ConnectorAsync(Today);

        Assert.Equal("hr-sql", connector.Kind);
    }

    [Fact]
    public void RejectsUnknownPropertiesInTheMappingFile()
    {
        var json = JObject.Parse(HrSample.MappingJson);
        Employees(json)["erasure"]!["monthz"] = 6;

        var error = Assert.Throws<HrMappingException>(() => HrMappingLoader.Parse(json.ToString()));

        Assert.Contains("monthz", error.Message);
    }

    private static HrMapping Break(string breakage)
    {
        var json = JObject.Parse(HrSample.MappingJson);
        switch (breakage)
        {
            case "unknown-table":
                var archive = (JObject)Child(json, "contracts").DeepClone();
                archive["table"] = "payroll_archive";
                Employees(json)["children"]!.Value<JArray>()!.Add(archive);
                break;
            case "unknown-column":
                Employees(json)["columns"]!.Value<JArray>()!.Add(new JObject { ["column"] = "middle_name", ["label"] = "Middle name" });
                break;
            case "retention-date-not-a-date":
                Child(json, "contracts")["erasure"]!["after"] = "title";
                break;
            case "keep-if-not-boolean":
                json["tables"]![1]!["erasure"]!["keepIf"]!["column"] = "position";
                break;
            case "null-on-not-null":
                Column(Employees(json), "first_name")["erasure"] = "null";
                break;
            case "pseudonymise-number":
                Column(Child(json, "contracts"), "monthly_salary")["erasure"] = "pseudonymise";
                break;
            case "email-lookup-on-date":
                Employees(json)["lookup"]!["email"] = "birth_date";
                break;
            case "special-without-condition":
                Child(json, "sick_leave").Remove("article9Condition");
                break;
            case "deleted-parent-retained-child":
                Employees(json)["erasure"] = new JObject { ["action"] = "delete" };
                break;
            case "unknown-action":
                Child(json, "training")["erasure"]!["action"] = "shred";
                break;
        }

        return HrMappingLoader.Parse(json.ToString());
    }

    private static JObject Employees(JObject json) => (JObject)json["tables"]![0]!;

    private static JObject Child(JObject json, string table) =>
        Employees(json)["children"]!.Children<JObject>().Single(c => (string?)c["table"] == table);

    private static JObject Column(JObject table, string column) =>
        table["columns"]!.Children<JObject>().Single(c => (string?)c["column"] == column);
}
