using System.Diagnostics.CodeAnalysis;

namespace PartnerPortal.Web.Infrastructure;

/// <summary>Builds the failure of whatever <c>Result&lt;T&gt;</c> a request answers with, for the pipeline's behaviours.</summary>
internal static class ResultFactory
{
    public static bool TryFail<TResponse>(Failure failure, [NotNullWhen(true)] out TResponse? response)
    {
        var type = typeof(TResponse);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Result<>))
        {
            var convert = type.GetMethod("op_Implicit", [typeof(Failure)])!;
            response = (TResponse)convert.Invoke(null, [failure])!;
            return true;
        }
        response = default;
        return false;
    }
}
