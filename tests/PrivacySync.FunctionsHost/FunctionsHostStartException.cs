namespace PrivacySync.FunctionsHost;

/// <summary>The app or its configuration cannot be run; the message names the file, setting or property.</summary>
public sealed class FunctionsHostStartException(string message, Exception? inner = null) : Exception(message, inner);
