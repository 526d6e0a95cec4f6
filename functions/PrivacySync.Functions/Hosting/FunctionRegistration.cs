namespace PrivacySync.Functions.Hosting;

/// <summary>How a registered function is invoked: through a host payload, or as forwarded HTTP.</summary>
public enum FunctionKind
{
    /// <summary>An <see cref="IFunctionHandler"/>: queue, timer, or HTTP with other bindings.</summary>
    Handler,

    /// <summary>An <see cref="IHttpFunction"/>: pure HTTP, forwarded by the host.</summary>
    Http,
}

/// <summary>One <c>AddFunction&lt;THandler&gt;()</c> call, kept in DI so both modes can find every function.</summary>
public sealed record FunctionRegistration(Type HandlerType, FunctionKind Kind);
