namespace PrivacySync.Sandbox.Hosting;

/// <summary>Every simulator the sandbox can host; each runs on its own port like the real service's own host.</summary>
public static class SimulatorCatalog
{
    public static IReadOnlyList<ISimulator> All { get; } =
    [
        new HubSpot.HubSpotSimulator(),
        new HrRest.HrRestSimulator(),
        new Graph.GraphSimulator(),
        new Entra.EntraSimulator(),
        new Teams.TeamsWebhookSink(),
    ];

    public static ISimulator Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown simulator '{name}'; known: {string.Join(", ", All.Select(s => s.Name))}");
}
