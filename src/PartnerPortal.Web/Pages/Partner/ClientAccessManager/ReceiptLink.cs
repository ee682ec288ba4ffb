using PartnerPortal.Web.Infrastructure.DomainEvents;

namespace PartnerPortal.Web.Pages.Partner.ClientAccessManager;

public static class ReceiptLink
{
    /// <summary>The receipt of what this request changed in the partner's clients (its audit entries); none when nothing was recorded.</summary>
    public static string? ReceiptOf(this PageModel page, long partnerHubId)
    {
        ArgumentNullException.ThrowIfNull(page);
        var operation = page.HttpContext.RequestServices.GetRequiredService<Operation>();
        return operation.Recorded == 0 ? null : page.Url.Page("/Partner/ClientAccessManager/Receipt", new { hubId = partnerHubId, operationId = operation.Id });
    }
}
