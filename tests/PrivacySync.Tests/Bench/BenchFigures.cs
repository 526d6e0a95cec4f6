using System.Globalization;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Tests.Bench;

/// <summary>
/// Where a benchmark puts its figures: one JSON file per scenario in the folder <c>PRIVACYSYNC_BENCH_OUT</c> names
/// (<c>./run.sh bench</c> sets it and merges the files into bench/results.json). Without it the benchmarks are skipped:
/// they are not part of <c>./run.sh test</c>.
/// </summary>
internal static class BenchFigures
{
    public const string OutVariable = "PRIVACYSYNC_BENCH_OUT";

    public static string? Folder => Environment.GetEnvironmentVariable(OutVariable) is { Length: > 0 } folder ? folder : null;

    /// <summary>Skips the calling benchmark unless <c>./run.sh bench</c> runs it.</summary>
    public static void SkipUnlessBenchmarking() =>
        Assert.SkipWhen(Folder is null, $"a benchmark: './run.sh bench' runs it ({OutVariable} names where its figures go)");

    /// <summary>An integer setting of a benchmark (e.g. its request count), <paramref name="fallback"/> when unset.</summary>
    public static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : fallback;

    /// <summary>Writes one scenario's figures (and the notes saying how they were measured) for run.sh to merge.</summary>
    public static void Write(string scenario, JObject figures, JObject? notes = null)
    {
        var folder = Folder ?? throw new InvalidOperationException($"{OutVariable} is not set.");
        Directory.CreateDirectory(folder);
        var document = new JObject { ["figures"] = figures, ["notes"] = notes ?? [] };
        File.WriteAllText(Path.Combine(folder, scenario + ".json"), document.ToString());
        TestContext.Current.SendDiagnosticMessage($"{scenario}: {figures.ToString(Newtonsoft.Json.Formatting.None)}");
    }

    /// <summary>Keeps what the app printed during a scenario beside its figures (for a figure that looks wrong).</summary>
    public static void WriteLog(string scenario, string output)
    {
        if (Folder is { } folder)
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, scenario + ".log"), output);
        }
    }

    /// <summary>The nearest-rank percentile (0..100) of a non-empty sample.</summary>
    public static double Percentile(IEnumerable<double> values, double percentile)
    {
        var sorted = values.Order().ToArray();
        Assert.NotEmpty(sorted);
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Round(double value, int digits = 1) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
