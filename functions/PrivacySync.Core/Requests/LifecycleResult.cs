using System.Diagnostics.CodeAnalysis;

namespace PrivacySync.Core.Requests;

/// <summary>The outcome of a lifecycle step: the changed request, or why it was refused.</summary>
public sealed record LifecycleResult
{
    private LifecycleResult(DataSubjectRequest? request, DecisionError? error)
    {
        Request = request;
        Error = error;
    }

    public DataSubjectRequest? Request { get; }

    public DecisionError? Error { get; }

    [MemberNotNullWhen(true, nameof(Request))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    public static LifecycleResult Success(DataSubjectRequest request) => new(request, null);

    public static LifecycleResult Failure(DecisionError error) => new(null, error);

    public static implicit operator LifecycleResult(DecisionError error) => Failure(error);
}
