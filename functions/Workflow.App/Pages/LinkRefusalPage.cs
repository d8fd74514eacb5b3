using Workflow.App.Links;

namespace Workflow.App.Pages;

/// <summary>The page shown for a link that cannot be used, saying which of the reasons it is; nothing is changed.</summary>
internal static class LinkRefusalPage
{
    public static IResult For(LinkRefusal refusal) => PageResults.Message(
        "链接无法使用",
        refusal.Describe(),
        refusal switch
        {
            LinkRefusal.Invalid or LinkRefusal.KeyRetired => StatusCodes.Status403Forbidden,
            LinkRefusal.Expired => StatusCodes.Status410Gone,
            _ => StatusCodes.Status409Conflict,
        },
        note: "本次操作未作任何更改。",
        attributes: new Dictionary<string, object> { ["data-refusal"] = refusal.ToString() });
}
