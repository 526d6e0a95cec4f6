using System.Xml.Linq;
using Azure;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Storage;

/// <summary>What the caller asked for, so that an ambiguous status maps to the right typed exception.</summary>
[Flags]
internal enum ErrorContext
{
    None = 0,

    /// <summary>Update/delete of a message by pop receipt: 404 MessageNotFound means the receipt is stale.</summary>
    PopReceipt = 1,

    /// <summary>The request carried If-None-Match: *, so 409 and 412 both mean the resource exists.</summary>
    IfNoneMatchAll = 2,
}

/// <summary>Maps a failed response to the typed exceptions of the public API.</summary>
internal static class StorageErrors
{
    private const int MaxErrorBodyBytes = 64 * 1024;

    public static StorageRequestException FromResponse(string operation, Response response, ErrorContext context = ErrorContext.None)
    {
        var code = ReadErrorCode(response);
        return Create(operation, response.Status, code, context);
    }

    public static StorageRequestException Create(string operation, int status, string? code, ErrorContext context = ErrorContext.None)
    {
        if (context.HasFlag(ErrorContext.IfNoneMatchAll) && status is 409 or 412)
        {
            return new StorageAlreadyExistsException(operation, status, code);
        }

        if (context.HasFlag(ErrorContext.PopReceipt) &&
            ((status == 400 && code == "PopReceiptMismatch") || (status == 404 && code == "MessageNotFound")))
        {
            return new StoragePopReceiptMismatchException(operation, status, code);
        }

        return status switch
        {
            400 when code == "PopReceiptMismatch" => new StoragePopReceiptMismatchException(operation, status, code),
            412 => new StorageConditionNotMetException(operation, status, code),
            409 when code is not null && code.EndsWith("AlreadyExists", StringComparison.Ordinal) =>
                new StorageAlreadyExistsException(operation, status, code),
            404 => new StorageNotFoundException(operation, status, code),
            _ => new StorageRequestException(operation, status, code),
        };
    }

    /// <summary>The x-ms-error-code header when present (it is, except on some Table errors), else the body's code.</summary>
    internal static string? ReadErrorCode(Response response)
    {
        if (response.Headers.TryGetValue("x-ms-error-code", out var header) && !string.IsNullOrWhiteSpace(header))
        {
            return header;
        }

        string body;
        try
        {
            body = ReadBody(response);
        }
        catch (IOException)
        {
            return null;
        }

        return ParseErrorCode(body);
    }

    /// <summary>Blob/Queue answer &lt;Error&gt;&lt;Code&gt;; Tables answer {"odata.error":{"code":...}}.</summary>
    internal static string? ParseErrorCode(string body)
    {
        var trimmed = body.TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        try
        {
            if (trimmed.StartsWith('<'))
            {
                return XDocument.Parse(trimmed).Root?.Element("Code")?.Value;
            }

            if (trimmed.StartsWith('{'))
            {
                var json = JObject.Parse(trimmed);
                var error = json["odata.error"] ?? json["error"];
                return error?["code"]?.Value<string>();
            }
        }
        catch (Exception e) when (e is System.Xml.XmlException or Newtonsoft.Json.JsonException)
        {
            // An unparseable error body still yields a typed exception by status.
        }

        return null;
    }

    private static string ReadBody(Response response)
    {
        if (response.ContentStream is null)
        {
            return string.Empty;
        }

        if (response.ContentStream is MemoryStream buffered)
        {
            return response.Content.ToString();
        }

        // Unbuffered (streamed download): read a bounded prefix; error bodies are small.
        var buffer = new byte[MaxErrorBodyBytes];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = response.ContentStream.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
        }

        return System.Text.Encoding.UTF8.GetString(buffer, 0, total);
    }
}
