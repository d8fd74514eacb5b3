using QRCoder;

namespace Workflow.App.Notices;

/// <summary>
/// The QR code a printed 公示 carries (an exit's, a project's, a fund notice): QRCoder's SVG of our own URL, error
/// correction M so a creased or faded board still scans. The pages write it as markup: it has rects with presentation
/// attributes and no script or style attribute.
/// </summary>
public static class NoticeQrCode
{
    public static string Svg(string url)
    {
        using var qr = new QRCodeGenerator().CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(qr).GetGraphic(4);
    }
}
