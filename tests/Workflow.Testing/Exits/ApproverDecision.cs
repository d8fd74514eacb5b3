namespace Workflow.Testing.Exits;

/// <summary>What a scripted approver submits on a decision link's form: approve or reject, the name, and the comment (a rejection needs one).</summary>
public sealed record ApproverDecision(bool Approve, string Name = "脚本审核员", string? Comment = null)
{
    public static ApproverDecision Approved { get; } = new(true, Comment: "核实无误");

    public static ApproverDecision Rejected(string reason) => new(false, Comment: reason);
}
