using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.Demo;

/// <summary>
/// Shows a request's per-system progress while it runs: on a terminal one line per system, redrawn in place; when
/// the output is a file or a pipe, a line whenever a system's state changes.
/// </summary>
internal sealed class RequestProgress(TextWriter output, bool redraw)
{
    private readonly Dictionary<string, string> shown = new(StringComparer.Ordinal);
    private int drawnLines;
    private string? lastStatus;

    public void Show(JObject request, TimeSpan elapsed)
    {
        var status = (string?)request["status"] ?? "?";
        var tasks = (request["tasks"] as JArray ?? []).Children<JObject>().ToList();
        var lines = new List<string> { $"  request {status,-26} {elapsed.TotalSeconds,5:0.0} s" };
        lines.AddRange(tasks.Select(Line));
        if (redraw)
        {
            if (drawnLines > 0)
            {
                output.Write($"\u001b[{drawnLines}A");
            }

            foreach (var line in lines)
            {
                output.Write("\u001b[2K");
                output.WriteLine(line);
            }

            drawnLines = lines.Count;
            return;
        }

        if (status != lastStatus)
        {
            output.WriteLine(lines[0]);
            lastStatus = status;
        }

        foreach (var (task, line) in tasks.Zip(lines.Skip(1)))
        {
            var system = (string?)task["system"] ?? "?";
            var state = Describe(task);
            if (!shown.TryGetValue(system, out var before) || before != state)
            {
                shown[system] = state;
                output.WriteLine(line + $"   ({elapsed.TotalSeconds:0.0} s)");
            }
        }
    }

    private static string Line(JObject task) => $"    {Symbol(task)} {(string?)task["system"],-24} {Describe(task)}";

    private static string Symbol(JObject task) => (string?)task["outcome"] switch
    {
        "completed" => "✔",
        "completed-with-exceptions" => "!",
        "failed" => "✘",
        _ => (string?)task["status"] == "running" ? "…" : "·",
    };

    private static string Describe(JObject task)
    {
        var status = (string?)task["status"] ?? "?";
        var attempts = (int?)task["attempts"] ?? 0;
        var categories = (task["categories"] as JArray ?? []).Children<JObject>().ToList();
        var text = (string?)task["outcome"] ?? status;
        if (categories.Count > 0)
        {
            text += $": {categories.Count} categor{(categories.Count == 1 ? "y" : "ies")}, {categories.Sum(c => (long?)c["records"] ?? 0)} records";
        }

        if (attempts > 1)
        {
            text += $" (attempt {attempts})";
        }

        if ((string?)task["error"] is { } error)
        {
            text += $" — {error}";
        }

        return text;
    }
}
