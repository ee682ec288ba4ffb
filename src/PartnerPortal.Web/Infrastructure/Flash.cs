using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace PartnerPortal.Web.Infrastructure;

/// <summary>
/// The message shown once on the page a form leads to ("Added 2 employees …"), with a link to the receipt when the
/// change has one. It travels in the TempData cookie, so it stays short whatever the change touched: a count and a
/// link, never a list (a list of hundreds of clients made a cookie no server accepts).
/// </summary>
public sealed record Flash(string Text, string? ReceiptUrl)
{
    public const int MaxLength = 300;
    private const string TextKey = "Flash";
    private const string ReceiptKey = "FlashReceipt";

    /// <summary>Keeps the message for the next page the user opens.</summary>
    public static void Keep(ITempDataDictionary tempData, string text, string? receiptUrl = null)
    {
        ArgumentNullException.ThrowIfNull(tempData);
        ArgumentNullException.ThrowIfNull(text);
        tempData[TextKey] = text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength - 1), "…");
        tempData[ReceiptKey] = receiptUrl;
    }

    /// <summary>The message kept for this page, once.</summary>
    public static Flash? Take(ITempDataDictionary tempData)
    {
        ArgumentNullException.ThrowIfNull(tempData);
        var receipt = tempData[ReceiptKey] as string;
        return tempData[TextKey] is string { Length: > 0 } text ? new Flash(text, receipt) : null;
    }
}

public static class FlashExtensions
{
    /// <summary>Shows <paramref name="text"/> on the next page, with a link to the receipt when there is one.</summary>
    public static void Flash(this PageModel page, string text, string? receiptUrl = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        Infrastructure.Flash.Keep(page.TempData, text, receiptUrl);
    }
}
