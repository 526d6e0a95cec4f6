using System.ComponentModel.DataAnnotations;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Functions.Api;

/// <summary>Settings of the request API under <c>PrivacySync:</c> (the same section as <see cref="OrchestrationOptions"/>).</summary>
public sealed class RequestApiOptions
{
    /// <summary>The largest request body the API reads (the Teams form is a few KiB).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>The largest page ListRequests returns.</summary>
    public const int MaxPageSize = 100;

    /// <summary>
    /// The queue a dispatched request's message goes to; the DispatchRequest trigger must listen to the same one.
    /// Settable so parallel test runs on one storage account do not share it.
    /// </summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,54}[a-z0-9]$")]
    public string DispatchQueue { get; set; } = QueueNames.Dispatch;
}
