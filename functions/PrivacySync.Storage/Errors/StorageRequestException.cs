namespace PrivacySync.Storage;

/// <summary>
/// A storage request the service refused. The message names the operation, status and error code only:
/// never request bodies, keys, blob names or entity keys.
/// </summary>
public class StorageRequestException : Exception
{
    public StorageRequestException(string operation, int status, string? errorCode, Exception? inner = null)
        : base(Describe(operation, status, errorCode), inner)
    {
        Operation = operation;
        Status = status;
        ErrorCode = errorCode;
    }

    /// <summary>HTTP status the service answered with.</summary>
    public int Status { get; }

    /// <summary>The service's error code (x-ms-error-code, XML Code or odata.error.code), when it gave one.</summary>
    public string? ErrorCode { get; }

    /// <summary>Which client operation failed, e.g. "Queue.DeleteMessage (dsr-tasks)".</summary>
    public string Operation { get; }

    private static string Describe(string operation, int status, string? errorCode) =>
        $"Storage operation {operation} failed with status {status}{(errorCode is null ? "" : $" ({errorCode})")}.";
}

/// <summary>An ETag condition (If-Match) did not hold: someone else changed the resource first (412).</summary>
public sealed class StorageConditionNotMetException(string operation, int status, string? errorCode)
    : StorageRequestException(operation, status, errorCode);

/// <summary>The resource already exists (409 *AlreadyExists, or If-None-Match: * on an existing blob).</summary>
public sealed class StorageAlreadyExistsException(string operation, int status, string? errorCode)
    : StorageRequestException(operation, status, errorCode);

/// <summary>The queue, container, table, blob or entity does not exist (404).</summary>
public sealed class StorageNotFoundException(string operation, int status, string? errorCode)
    : StorageRequestException(operation, status, errorCode);

/// <summary>
/// The pop receipt no longer identifies the message: another receiver got it after its visibility expired,
/// it was updated with a newer receipt, or it is already deleted (400 PopReceiptMismatch, 404 MessageNotFound).
/// </summary>
public sealed class StoragePopReceiptMismatchException(string operation, int status, string? errorCode)
    : StorageRequestException(operation, status, errorCode);
