namespace Workflow.App.Links;

/// <summary>Why a link was refused; each has the sentence shown to the person who opened it.</summary>
public enum LinkRefusal
{
    /// <summary>Not a link this service issued: garbled, or its signature does not match (forged or altered).</summary>
    Invalid,

    /// <summary>Signed with a key that has been retired.</summary>
    KeyRetired,

    Expired,

    /// <summary>This very link has been used already.</summary>
    AlreadyUsed,

    /// <summary>Someone has already decided the step this link is for.</summary>
    StepAlreadyDecided,

    /// <summary>The link is for another step than the one the subject is waiting for.</summary>
    NotTheCurrentStep,

    /// <summary>The subject has ended (approved, rejected or withdrawn): nothing is awaited any more.</summary>
    SubjectClosed,
}

public static class LinkRefusalText
{
    /// <summary>zh-CN text for the refusal page.</summary>
    public static string Describe(this LinkRefusal refusal) => refusal switch
    {
        LinkRefusal.Invalid => "链接无效：该链接不是本系统签发的，或已被篡改。",
        LinkRefusal.KeyRetired => "链接已失效：签发该链接的密钥已停用，请联系发送人重新发送。",
        LinkRefusal.Expired => "链接已过期，请联系发送人重新发送。",
        LinkRefusal.AlreadyUsed => "该链接已使用过，每个链接只能使用一次。",
        LinkRefusal.StepAlreadyDecided => "该环节已有审批结果，无需重复处理。",
        LinkRefusal.NotTheCurrentStep => "该链接对应的环节不是当前待办环节。",
        LinkRefusal.SubjectClosed => "该事项已办结或已撤回，无需再处理。",
        _ => "链接无法使用。",
    };
}
