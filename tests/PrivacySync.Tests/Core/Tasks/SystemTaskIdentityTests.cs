using PrivacySync.Core.Connectors;
using PrivacySync.Core.Tasks;

namespace PrivacySync.Tests.Core.Tasks;

/// <summary>A task's identity conflict: it waits for an officer, and every later run sees the officers' decisions.</summary>
public sealed class SystemTaskIdentityTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly IdentityResolution Conflict = IdentityResolution.Resolve(
        [new RecordMatch("employees/7", "employees", [SubjectIdentifiers.EmployeeId])], new SubjectIdentity("a@example.com", EmployeeId: "E7"));

    [Fact]
    public void AConflictIsNotTerminalAndNamesTheDecisionThatEndsIt()
    {
        var task = SystemTask.Plan("dsr-1", "hr", Now).Start(Now).AwaitIdentity(Conflict, Now);

        Assert.Equal(SystemTaskStatus.IdentityConflict, task.Status);
        Assert.False(task.IsTerminal);
        Assert.Same(Conflict, task.Conflict);
        Assert.Contains("resolve-identity", task.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void DecisionsAccumulateAndShapeTheSubjectTheConnectorSees()
    {
        var subject = new SubjectIdentity("a@example.com", Name: "A", EmployeeId: "E7", AdditionalEmails: ["b@example.com"],
            SystemIds: new Dictionary<string, string> { [SubjectIdentifiers.NationalId] = "01018512345", ["microsoft365"] = "u-1" });
        var task = SystemTask.Plan("dsr-1", "hr", Now).Start(Now).AwaitIdentity(Conflict, Now)
            .ResolveIdentity(IdentityDecision.Drop("anna", SubjectIdentifiers.EmployeeId, Now), Now);
        task = task.Start(Now).AwaitIdentity(Conflict, Now).ResolveIdentity(IdentityDecision.Confirm("lars", "employees/7", Now), Now);

        var seen = task.SubjectFor(subject);

        Assert.Equal(SystemTaskStatus.Pending, task.Status);
        Assert.Null(task.Conflict);
        Assert.Null(seen.EmployeeId);
        Assert.Equal(["employees/7"], seen.ConfirmedRecords);
        Assert.Equal("A", seen.Name);
        Assert.Equal(2, seen.SystemIds!.Count);
        Assert.Equal(2, task.IdentityDecisions!.Decisions.Count);
        Assert.Null(subject.Without(SubjectIdentifiers.NationalId).SystemIds!.GetValueOrDefault(SubjectIdentifiers.NationalId));
        Assert.Equal(["national-id"], subject.Without(SubjectIdentifiers.SystemId).SystemIds!.Keys);
    }

    [Fact]
    public void OnlyATaskInConflictTakesAnIdentityDecision()
    {
        var running = SystemTask.Plan("dsr-1", "hr", Now).Start(Now);

        Assert.Throws<InvalidOperationException>(() => running.ResolveIdentity(IdentityDecision.Drop("anna", SubjectIdentifiers.EmployeeId, Now), Now));
    }

    [Fact]
    public void AConflictWithdrawsTheErasureIntentItsOwnAttemptRecordedButKeepsAnEarlierAttempts()
    {
        var intent = new ErasureIntent(Now, 1, [new DataCategory("payroll", 2, "Salary", "Art. 6(1)(c)")]);
        var first = SystemTask.Plan("dsr-1", "hr", Now).Start(Now) with { Intent = intent };
        var rerun = first.Start(Now); // attempt 2, after a crash that may have come after the erasure

        Assert.Null(first.AwaitIdentity(Conflict, Now).Intent); // this attempt found the conflict before acting
        Assert.Same(intent, rerun.AwaitIdentity(Conflict, Now).Intent);
    }

    [Fact]
    public void AConfirmedRecordNoLongerReachedLeavesLessToActOnNeverSomeoneElse()
    {
        var subject = new SubjectIdentity("a@example.com", EmployeeId: "E7", ConfirmedRecords: ["employees/7"]);
        var other = new RecordMatch("employees/8", "employees", [SubjectIdentifiers.EmployeeId]);

        var resolved = IdentityResolution.Resolve([other], subject);

        Assert.False(resolved.IsConflict);
        Assert.Empty(resolved.Accepted);
    }

    [Theory]
    [InlineData("email", "email", false)]
    [InlineData("email", "employee-id", true)]
    [InlineData("email+employee-id", "email", true)]
    [InlineData("email", "", false)]
    public void RecordsOfOneKindConflictWhenDifferentIdentifiersReachThem(string first, string second, bool conflict)
    {
        var matches = new List<RecordMatch> { new("applicants/1", "applicants", first.Split('+')) };
        if (second.Length > 0)
        {
            matches.Add(new("applicants/2", "applicants", second.Split('+')));
        }

        Assert.Equal(conflict, IdentityResolution.Resolve(matches, new SubjectIdentity("a@example.com")).IsConflict);
    }
}
