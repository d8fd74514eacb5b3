using Workflow.App.Links;
using Workflow.App.Pages;

namespace Workflow.App.Exits.Web;

/// <summary>The page shown for a link that cannot be used, saying which of the reasons it is; nothing is changed.</summary>
internal static class LinkRefusalPage
{
    public static IResult For(LinkRefusal refusal) => PageLayout.Page(
        "链接无法使用",
        $"<p class=\"bad\" data-refusal=\"{refusal}\">{PageLayout.Html.Encode(refusal.Describe())}</p><p class=\"note\">本次操作未作任何更改。</p>",
        refusal switch
        {
            LinkRefusal.Invalid or LinkRefusal.KeyRetired => StatusCodes.Status403Forbidden,
            LinkRefusal.Expired => StatusCodes.Status410Gone,
            _ => StatusCodes.Status409Conflict,
        });
}
