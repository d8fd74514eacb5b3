using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Workflow.App.Pages;

/// <summary>
/// The frame every server-rendered page shares: zh-CN, UTF-8, phone-width viewport, one stylesheet. Pages
/// put only encoded text into it; <see cref="Html"/> keeps Chinese readable and escapes markup characters.
/// </summary>
internal static class PageLayout
{
    public static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>An instant as users read it: Beijing time, to the minute.</summary>
    public static string Time(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Workflow.Domain.Calendar.ShanghaiTime.Zone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The page as a response: HTML in UTF-8 with the given status.</summary>
    public static IResult Page(string title, string body, int status = StatusCodes.Status200OK) =>
        Results.Content(Render(title, body), "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);

    public static string Render(string title, string body) => $$"""
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{Html.Encode(title)}}</title>
        <style>
          body { font-family: system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 1rem 1.5rem; line-height: 1.5; }
          table { border-collapse: collapse; margin: .5rem 0; } td, th { border: 1px solid #ccc; padding: .3rem .7rem; text-align: left; vertical-align: top; }
          ul.messages { list-style: none; padding: 0; } ul.messages li { border-bottom: 1px solid #ddd; padding: .6rem 0; }
          form p { margin: .6rem 0; } .ok { color: #05712f; } .bad { color: #b00020; font-weight: bold; } .note, .meta { color: #555; }
          .meta { font-size: .85rem; } .title { font-weight: bold; }
        </style>
        </head>
        <body>
        <h1>{{Html.Encode(title)}}</h1>
        {{body}}
        </body>
        </html>
        """;
}
