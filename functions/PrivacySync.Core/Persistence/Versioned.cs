namespace PrivacySync.Core.Persistence;

/// <summary>A stored value with the ETag that a conditional write of it must present.</summary>
public sealed record Versioned<T>(T Value, string ETag);
