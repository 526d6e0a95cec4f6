using PrivacySync.Core.Certificates;

namespace PrivacySync.Tests.Core.Certificates;

public sealed class SubjectReferenceTests
{
    private static readonly byte[] Salt = "per-deployment-salt-for-tests-0123456789"u8.ToArray();

    [Fact]
    public void SamePersonGetsTheSameReferenceWhateverTheCaseOrSpacing()
    {
        Assert.Equal(SubjectReference.Compute("kari@example.no", Salt), SubjectReference.Compute("  Kari@Example.NO ", Salt));
    }

    [Fact]
    public void DifferentPeopleAndDifferentDeploymentsGetDifferentReferences()
    {
        var reference = SubjectReference.Compute("kari@example.no", Salt);

        Assert.NotEqual(reference, SubjectReference.Compute("ola@example.no", Salt));
        Assert.NotEqual(reference, SubjectReference.Compute("kari@example.no", "another-deployment-salt-0123456789"u8));
        Assert.Matches("^hmac-sha256:[0-9a-f]{64}$", reference);
    }

    [Fact]
    public void ShortSaltIsRejected()
    {
        Assert.Throws<ArgumentException>(() => SubjectReference.Compute("kari@example.no", "short"u8));
    }
}
