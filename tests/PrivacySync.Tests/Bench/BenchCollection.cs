namespace PrivacySync.Tests.Bench;

/// <summary>Benchmarks run one after another: each measures the machine, so two at once would skew both.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BenchCollection
{
    public const string Name = "Bench";
}
