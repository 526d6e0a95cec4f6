using System.Diagnostics.CodeAnalysis;

namespace PrivacySync.Core.Configuration;

public sealed record OptionsLoadResult(PrivacySyncOptions? Options, IReadOnlyList<string> Errors)
{
    [MemberNotNullWhen(true, nameof(Options))]
    public bool IsValid => Options is not null && Errors.Count == 0;
}
