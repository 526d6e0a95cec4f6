namespace PrivacySync.Core.Deadlines;

public sealed record PublicHoliday(DateOnly Date, string Name);
